import type { Actor } from '../../../platform/access.js';
import type { SensorClient } from './client-port.js';
import type { SensorService } from './sensor.service.js';

/** The sensor commands on the database in-process, as the local operator. */
export function localSensorClient(sensors: SensorService, actor: Actor): SensorClient {
  return {
    sensorAdd: (input) => sensors.add(actor, input),
    sensorList: () => sensors.list(actor),
    sensorRevoke: (id) => sensors.revoke(actor, id),
  };
}
