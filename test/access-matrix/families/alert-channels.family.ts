import { defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

// Alert channels (issue 13): an organisation's own business: its members read them, its admins and
// analysts add, change, test and remove them. The test sends to a port where nothing listens.
export const alertChannels = defineFamily({
  name: 'alert channels',
  routes: ['POST /api/v1/alert-channels'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('channel');
    const made = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/alert-channels', { kind: 'webhook', name: marker, url: 'https://192.0.2.1:9/hook', secret: 'access-matrix-signing-key' }));
    return { id: made.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/alert-channels/{id}', rule: rules.ownOrg }, (_w, h) => `/api/v1/alert-channels/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/alert-channels', rule: rules.ownOrg }, () => '/api/v1/alert-channels'),
    statusProbe({ name: 'deliveries', kind: 'read', route: 'GET /api/v1/alert-channels/{id}/deliveries', rule: rules.ownOrg }, (_w, h) => `/api/v1/alert-channels/${h.id}/deliveries`),
    writeProbe({ name: 'change', route: 'PATCH /api/v1/alert-channels/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/alert-channels/${h.id}`, (_w, h) => ({ name: h.marker })),
    writeProbe({ name: 'test', route: 'POST /api/v1/alert-channels/{id}/test', rule: rules.write }, 'POST', (_w, h) => `/api/v1/alert-channels/${h.id}/test`, () => ({})),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/alert-channels/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/alert-channels/${h.id}`),
  ],
});
