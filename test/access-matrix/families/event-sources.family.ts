import { defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

/** Each copy listens on a port of its own: a port is taken once per transport on a server. */
let port = 31_000;

// Event sources (syslog listeners, MQTT subscriptions, followed files): read like any marked object,
// written by the owning organisation's admins only. Disabled, so that nothing listens.
export const eventSources = defineFamily({
  name: 'event sources',
  routes: ['POST /api/v1/sources'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('source');
    const source = created<{ id: string }>(await call(w, w.people.adminE1, 'POST', '/api/v1/sources', { type: 'syslog', name: marker, enabled: false, tlp, sharedUpward, config: { protocol: 'udp', port: ++port } }));
    return { id: source.id, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/sources/{id}', rule: rules.read }, (_w, h) => `/api/v1/sources/${h.id}`),
    statusProbe({ name: 'status', kind: 'read', route: 'GET /api/v1/sources/{id}/status', rule: rules.read }, (_w, h) => `/api/v1/sources/${h.id}/status`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/sources', rule: rules.read }, () => '/api/v1/sources'),
    markerProbe({ name: 'list by owner organisation', kind: 'list', route: 'GET /api/v1/sources', rule: rules.read }, (w) => `/api/v1/sources?orgId=${w.orgs.E1}`),
    // Writing what it already is leaves the marking alone for the callers after this one.
    writeProbe({ name: 'change', route: 'PATCH /api/v1/sources/{id}', rule: rules.ownAdmin }, 'PATCH', (_w, h) => `/api/v1/sources/${h.id}`, () => ({ enabled: false })),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/sources/{id}', rule: rules.ownAdmin, destructive: true }, 'DELETE', (_w, h) => `/api/v1/sources/${h.id}`),
  ],
});
