export { iec104Dissector, iec104PduLength, probeIec104, type Iec104State } from './iec104.js';
export { iec104OracleSpec } from './oracle.js';
