export { dnp3Dissector, dnp3PduLength, dnp3UdpDissector, probeDnp3 } from './dnp3.js';
export { dnp3OracleSpec } from './oracle.js';
export type { Dnp3State } from './state.js';
