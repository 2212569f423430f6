export { probeS7commPlus, s7commPlusDissector } from './s7comm-plus.js';
export type { S7commPlusState } from './s7comm-plus.js';
export { s7commPlusOracleSpec } from './oracle.js';
