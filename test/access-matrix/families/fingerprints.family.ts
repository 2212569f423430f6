import { defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

// Fingerprint rules belong to one organisation and apply to its analyses only; they carry no marking.
export const fingerprints = defineFamily({
  name: 'fingerprint rules',
  routes: ['POST /api/v1/capture/fingerprints'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('rule');
    const rule = { id: marker, name: marker, when: { serves: 'modbus', attribute: 'product', prefix: 'Wing' }, then: { vendor: 'Acme' }, confidence: 0.9 };
    created(await call(w, w.people.analystE1, 'POST', '/api/v1/capture/fingerprints', rule));
    return { id: marker, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/capture/fingerprints', rule: rules.ownOrg }, () => '/api/v1/capture/fingerprints'),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/capture/fingerprints/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/capture/fingerprints/${h.id}`),
  ],
});
