export { probeS7comm, s7commDissector } from './s7comm.js';
export { s7commOracleSpec } from './oracle.js';
export type { S7State } from './state.js';
