// What the CLI's `bulwark sensors ...` commands need, locally (in-process) or from a server.
import type { SensorInput } from './schemas.js';
import type { IssuedSensor, Sensor } from './types.js';

export interface SensorClient {
  sensorAdd(input: SensorInput): Promise<IssuedSensor>;
  sensorList(): Promise<Sensor[]>;
  sensorRevoke(id: string): Promise<void>;
}
