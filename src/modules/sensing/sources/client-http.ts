import type { Api } from '../../../platform/cli-kit/api.js';
import type { SourceClient } from './client-port.js';
import type { EventSourceView } from './types.js';

/** The source commands against a server's API: the server runs the sources and restarts them on change. */
export function httpSourceClient(api: Api): SourceClient {
  const path = (id: string) => `/sources/${encodeURIComponent(id)}`;
  return {
    listSources: (filter = {}) => {
      const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      return api.items<EventSourceView>(`/sources${query === '' ? '' : `?${query}`}`);
    },
    showSource: (id) => api.call('GET', path(id)),
    addSource: (input) => api.call('POST', '/sources', input),
    changeSource: (id, patch) => api.call('PATCH', path(id), patch),
    removeSource: async (id) => {
      await api.call('DELETE', path(id));
    },
  };
}
