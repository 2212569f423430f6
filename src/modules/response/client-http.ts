import { queryString, type Api } from '../../platform/cli-kit/api.js';
import type { ResponseClient } from './client-port.js';

/** The playbook commands against a server's API (the server imports into the caller's organisation). */
export function httpResponseClient(api: Api): ResponseClient {
  return {
    listPlaybooks: (filter = {}) => api.items(`/playbooks${queryString({ ...filter })}`),
    importPlaybook: (document, options) => api.call('POST', `/playbooks${queryString({ tlp: options.tlp, shared: options.sharedUpward })}`, document),
    validatePlaybook: (document) => api.call('POST', '/playbooks/validate', document),
    exportPlaybook: (id, options) => api.call('GET', `/playbooks/${encodeURIComponent(id)}/export${queryString({ modified: options.modified, secrets: options.secrets, sign: options.sign })}`),
  };
}
