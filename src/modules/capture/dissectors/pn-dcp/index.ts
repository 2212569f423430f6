export { pnDcpDissector } from './pn-dcp.js';
export { pnDcpOracleSpec } from './oracle.js';
