import type { Api } from '../../../platform/cli-kit/api.js';
import type { SensorClient } from './client-port.js';
import type { IssuedSensor, Sensor } from './types.js';

/** The sensor commands against a server's API. */
export function httpSensorClient(api: Api): SensorClient {
  return {
    sensorAdd: (input) => api.call<IssuedSensor>('POST', '/sensors', input),
    sensorList: () => api.items<Sensor>('/sensors'),
    sensorRevoke: async (id) => {
      await api.call('DELETE', `/sensors/${encodeURIComponent(id)}`);
    },
  };
}
