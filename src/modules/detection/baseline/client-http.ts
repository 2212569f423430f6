import { queryString, type Api } from '../../../platform/cli-kit/api.js';
import type { BaselineClient } from './client-port.js';

/** The baseline commands against a server's API. */
export function httpBaselineClient(api: Api): BaselineClient {
  const one = (id: string) => `/baselines/${encodeURIComponent(id)}`;
  return {
    listBaselines: (filter = {}) => api.call('GET', `/baselines${queryString({ ...filter })}`),
    showBaseline: (id) => api.call('GET', one(id)),
    acceptDeviations: (id, deviations, note) => api.call('POST', `${one(id)}/accept`, { deviations, ...(note === undefined ? {} : { note }) }),
    relearnBaseline: (id, reason) => api.call('POST', `${one(id)}/relearn`, reason === undefined ? {} : { reason }),
  };
}
