export { finsPduLength, finsTcpDissector, finsUdpDissector, probeFins } from './fins.js';
export type { FinsState } from './fins.js';
export { finsOracleSpec } from './oracle.js';
