export { enipPduLength, enipTcpDissector, enipUdpDissector, probeEnip } from './enip.js';
export { enipOracleSpec } from './oracle.js';
export type { EnipState } from './state.js';
