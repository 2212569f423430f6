export { gooseDissector, logicalDeviceOf, type GooseState } from './goose.js';
export { gooseOracleSpec } from './oracle.js';
