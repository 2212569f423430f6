import { byMarker, byStatus, defineFamily, rules, unmarked } from '../family.js';
import { call } from '../kit.js';

// Organisations: one's own and those below it, for every role. The object is E1 itself.
export const organisations = defineFamily({
  name: 'organisations',
  routes: [],
  settings: unmarked,
  create: async (w) => ({ id: w.orgs.E1, marker: w.orgs.E1, extra: {} }),
  probes: [
    { name: 'get', kind: 'read', route: 'GET /api/v1/organisations/{id}', rule: rules.subtree, run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/organisations/${h.id}`)) },
    { name: 'list', kind: 'list', route: 'GET /api/v1/organisations', rule: rules.subtree, run: async (w, p, h) => byMarker(await call(w, p, 'GET', '/api/v1/organisations'), h.marker) },
    {
      // Enterprises have no level below them: only a refusal (400) or a creation tells anything, and creation is for admins above.
      name: 'create below the parent',
      kind: 'write',
      route: 'POST /api/v1/organisations',
      rule: (c) => (c.relation === 'parent' || c.relation === 'grandparent') && c.role === 'admin',
      run: async (w, p) => byStatus(await call(w, p, 'POST', '/api/v1/organisations', { name: `E-${Math.random().toString(36).slice(2, 10)}`, level: 'enterprise', parentId: w.orgs.P })),
    },
  ],
});
