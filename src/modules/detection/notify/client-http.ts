import { queryString, type Api } from '../../../platform/cli-kit/api.js';
import type { NotifyClient } from './client-port.js';

/** The notification commands against a server's API (the token's organisation). */
export function httpNotifyClient(api: Api): NotifyClient {
  const channel = (id: string) => `/alert-channels/${encodeURIComponent(id)}`;
  return {
    listChannels: () => api.items('/alert-channels'),
    addChannel: ({ orgId: _org, ...input }) => api.call('POST', '/alert-channels', input),
    testChannel: (id) => api.call('POST', `${channel(id)}/test`, {}),
    removeChannel: async (id) => {
      await api.call('DELETE', channel(id));
    },
    deliveries: (id, limit) => api.items(`${channel(id)}/deliveries${queryString({ limit })}`),
    listRules: () => api.items('/alert-notification-rules'),
    addRule: ({ orgId: _org, ...input }) => api.call('POST', '/alert-notification-rules', input),
    removeRule: async (id) => {
      await api.call('DELETE', `/alert-notification-rules/${encodeURIComponent(id)}`);
    },
  };
}
