import { defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

// Alert suppressions (issue 13): an organisation's own business: its members read them, its admins and
// analysts write them.
export const alertSuppressions = defineFamily({
  name: 'alert suppressions',
  routes: ['POST /api/v1/alert-suppressions'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('suppression');
    const made = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/alert-suppressions', { entity: `host:${marker}`, reason: marker }));
    return { id: made.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/alert-suppressions/{id}', rule: rules.ownOrg }, (_w, h) => `/api/v1/alert-suppressions/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/alert-suppressions', rule: rules.ownOrg }, () => '/api/v1/alert-suppressions'),
    writeProbe({ name: 'change', route: 'PATCH /api/v1/alert-suppressions/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/alert-suppressions/${h.id}`, (_w, h) => ({ reason: h.marker })),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/alert-suppressions/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/alert-suppressions/${h.id}`),
  ],
});
