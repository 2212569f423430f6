export { mqttDissector, type MqttState } from './mqtt.js';
export { mqttOracleSpec } from './oracle.js';
