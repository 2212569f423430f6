import { defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe } from '../kit.js';

// The audit log: an entry about E1's asset is for admins of E1 and of those above it.
export const audit = defineFamily({
  name: 'audit',
  routes: [],
  settings: unmarked,
  async create(w) {
    const asset = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/assets', { name: uniqueMarker('audited'), tlp: 'red' }));
    return { id: asset.id, marker: asset.id, extra: {} };
  },
  probes: [
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/audit', rule: rules.adminSubtree }, () => '/api/v1/audit?limit=1000&targetType=asset'),
    markerProbe({ name: 'by action', kind: 'search', route: 'GET /api/v1/audit', rule: rules.adminSubtree }, () => '/api/v1/audit?action=asset.create&limit=1000'),
  ],
});
