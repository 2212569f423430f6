import { queryString as qs, type Api } from './api.js';
import type { PlatformClient } from './platform-client-port.js';

/** The platform commands against a server's API. */
export function httpPlatformClient(api: Api): PlatformClient {
  return {
    listOrgs: () => api.items('/organisations'),
    createOrg: (input) => api.call('POST', '/organisations', input),
    placeOrg: (id, patch) => api.call('PATCH', `/organisations/${encodeURIComponent(id)}`, patch),
    listIndustries: () => api.items('/organisations/industries'),
    listUsers: (orgId) => api.items(`/users${qs({ orgId })}`),
    createUser: (input) => api.call('POST', '/users', input),
    updateUser: (id, patch) => api.call('PATCH', `/users/${encodeURIComponent(id)}`, patch),
    listTokens: (userId) => api.items(`/tokens${qs({ userId })}`),
    createToken: (input) => api.call('POST', '/tokens', input),
    revokeToken: (id) => api.call('DELETE', `/tokens/${encodeURIComponent(id)}`),
    listAudit: (options) => api.items(`/audit${qs({ ...options })}`),
  };
}
