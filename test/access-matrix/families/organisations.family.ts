import { defineFamily, rules, unmarked } from '../family.js';
import { markerProbe, statusProbe, writeProbe } from '../kit.js';

// Organisations: one's own and those below it, for every role. The object is E1 itself.
export const organisations = defineFamily({
  name: 'organisations',
  routes: [],
  settings: unmarked,
  create: async (w) => ({ id: w.orgs.E1, marker: w.orgs.E1, extra: {} }),
  probes: [
    statusProbe({ name: 'industries', kind: 'read', route: 'GET /api/v1/organisations/industries', rule: (c) => c.relation !== 'anonymous' }, () => '/api/v1/organisations/industries'),
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/organisations/{id}', rule: rules.subtree }, (_w, h) => `/api/v1/organisations/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/organisations', rule: rules.subtree }, () => '/api/v1/organisations'),
    // E1 is an enterprise, the lowest level, so the write is a sibling of it under P: admins of P or above only.
    writeProbe(
      { name: 'create beside it', route: 'POST /api/v1/organisations', rule: (c) => (c.relation === 'parent' || c.relation === 'grandparent') && c.role === 'admin' },
      'POST',
      () => '/api/v1/organisations',
      (w) => ({ name: `E-${Math.random().toString(36).slice(2, 10)}`, level: 'enterprise', parentId: w.orgs.P }),
    ),
    // Its industry and region are set from above: admins of P or N, never E1's own.
    writeProbe(
      { name: 'place', route: 'PATCH /api/v1/organisations/{id}', rule: (c) => (c.relation === 'parent' || c.relation === 'grandparent') && c.role === 'admin' },
      'PATCH',
      (_w, h) => `/api/v1/organisations/${h.id}`,
      () => ({ industry: 'D46', region: '320500' }),
    ),
  ],
});
