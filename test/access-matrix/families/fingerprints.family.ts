import { byMarker, byStatus, defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created } from '../kit.js';

// Fingerprint rules belong to one organisation and apply to its analyses only; they carry no marking.
export const fingerprints = defineFamily({
  name: 'fingerprint rules',
  routes: ['POST /api/v1/capture/fingerprints'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('rule');
    created(
      await call(w, w.people.analystE1, 'POST', '/api/v1/capture/fingerprints', {
        id: marker,
        name: marker,
        when: { serves: 'modbus', attribute: 'product', prefix: 'Wing' },
        then: { vendor: 'Acme' },
        confidence: 0.9,
      }),
    );
    return { id: marker, marker, extra: {} };
  },
  probes: [
    { name: 'list', kind: 'list', route: 'GET /api/v1/capture/fingerprints', rule: rules.ownOrg, run: async (w, p, h) => byMarker(await call(w, p, 'GET', '/api/v1/capture/fingerprints'), h.marker) },
    {
      name: 'delete',
      kind: 'write',
      route: 'DELETE /api/v1/capture/fingerprints/{id}',
      rule: rules.write,
      destructive: true,
      run: async (w, p, h) => byStatus(await call(w, p, 'DELETE', `/api/v1/capture/fingerprints/${h.id}`)),
    },
  ],
});
