import type { Api } from '../../../platform/cli-kit/api.js';
import type { KbFeedClient } from './client-port.js';
import type { KbFeed } from './types.js';

/** The feed commands against a server's API: the server fetches, with its address guard. */
export function httpKbFeedClient(api: Api): KbFeedClient {
  const path = (name: string) => `/kb/feeds/${encodeURIComponent(name)}`;
  return {
    kbFeeds: () => api.items<KbFeed>('/kb/feeds'),
    kbFeed: (name) => api.call('GET', path(name)),
    kbSaveFeed: (name, input) => api.call('PUT', path(name), input),
    kbRunFeed: (name) => api.call('POST', `${path(name)}/run?wait=true`),
    kbRemoveFeed: async (name) => {
      await api.call('DELETE', path(name));
    },
  };
}
