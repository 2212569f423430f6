export { bacnetDissector } from './bacnet.js';
export { bacnetOracleSpec } from './oracle.js';
