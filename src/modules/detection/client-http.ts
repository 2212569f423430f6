import { queryString, type Api } from '../../platform/cli-kit/api.js';
import type { DetectionClient } from './client-port.js';

/** The detection commands against a server's API. */
export function httpDetectionClient(api: Api): DetectionClient {
  const alert = (id: string) => `/alerts/${encodeURIComponent(id)}`;
  return {
    listRules: (filter = {}) => api.items(`/rules${queryString({ ...filter })}`),
    importRules: (input) => api.call('POST', '/rules', input),
    testStoredRule: (ruleId, events) => api.call('POST', '/rules/test', { ruleId, events }),
    listAlerts: (filter = {}) => api.call('GET', `/alerts${queryString({ ...filter })}`),
    showAlert: (id) => api.call('GET', alert(id)),
    changeAlert: (id, change) => api.call('PATCH', alert(id), change),
  };
}
