import { defineFamily, uniqueMarker, unmarked, type Rule } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

/** Seen by the sensor's organisation and by the admins above it. */
const sees: Rule = (c) => c.relation === 'owner' || ((c.relation === 'parent' || c.relation === 'grandparent') && c.role === 'admin');
/** Registered and revoked by the sensor's own organisation's admins. */
const ownAdmin: Rule = (c) => c.relation === 'owner' && c.role === 'admin';

// Capture sensors: unmarked registrations of an organisation (their events carry their own markings).
export const sensors = defineFamily({
  name: 'sensors',
  routes: ['POST /api/v1/sensors'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('sensor');
    const sensor = created<{ id: string }>(await call(w, w.people.adminE1, 'POST', '/api/v1/sensors', { name: marker }));
    return { id: sensor.id, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/sensors/{id}', rule: sees }, (_w, h) => `/api/v1/sensors/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/sensors', rule: sees }, () => '/api/v1/sensors'),
    writeProbe({ name: 'revoke', route: 'DELETE /api/v1/sensors/{id}', rule: ownAdmin, destructive: true }, 'DELETE', (_w, h) => `/api/v1/sensors/${h.id}`),
  ],
});
