import { queryString, type Api } from '../../../platform/cli-kit/api.js';
import type { BaselineClient } from './client-port.js';

/** The baseline commands against a server's API. */
export function httpBaselineClient(api: Api): BaselineClient {
  const one = (id: string) => `/baselines/${encodeURIComponent(id)}`;
  return {
    list: (filter = {}) => api.call('GET', `/baselines${queryString({ ...filter })}`),
    show: (id) => api.call('GET', one(id)),
    accept: (id, deviations, note) => api.call('POST', `${one(id)}/accept`, { deviations, ...(note === undefined ? {} : { note }) }),
    relearn: (id, reason) => api.call('POST', `${one(id)}/relearn`, reason === undefined ? {} : { reason }),
  };
}
