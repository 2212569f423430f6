export { modbusDissector, modbusPduLength, probeModbus } from './modbus.js';
export { modbusOracleSpec } from './oracle.js';
export type { ModbusState } from './state.js';
