export { opcuaDissector, type OpcuaState } from './opcua.js';
export { opcuaOracleSpec } from './oracle.js';
