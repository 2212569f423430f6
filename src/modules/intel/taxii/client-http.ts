import type { Api } from '../../../platform/cli-kit/api.js';
import type { TaxiiClient } from './client-port.js';
import type { Feed } from './types.js';
import type { RemoteCollection } from './remote.js';

/** The taxii commands against a server's API with a bearer token: the server talks to the remote TAXII server. */
export function httpTaxiiClient(api: Api): TaxiiClient {
  return {
    taxiiRemoteCollections: async (url, auth) => (await api.call<{ items: RemoteCollection[] }>('POST', '/taxii/remote/collections', { url, auth })).items,
    taxiiSaveFeed: ({ name, orgId: _org, ...input }) => api.call('PUT', `/taxii/feeds/${encodeURIComponent(name)}`, input),
    taxiiFeeds: () => api.items<Feed>('/taxii/feeds'),
    taxiiDeleteFeed: async (name) => {
      await api.call('DELETE', `/taxii/feeds/${encodeURIComponent(name)}`);
    },
    taxiiRunFeed: (name, options) => api.call('POST', `/taxii/feeds/${encodeURIComponent(name)}/run${options.maxPages === undefined ? '' : `?maxPages=${options.maxPages}`}`),
  };
}
