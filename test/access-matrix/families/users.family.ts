import { PASSWORD } from '../../support/fixture.js';
import { byMarker, byStatus, defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created } from '../kit.js';

// Users of an organisation: administered by admins of that organisation and of those above it.
export const users = defineFamily({
  name: 'users',
  routes: ['POST /api/v1/users'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('user');
    const user = created<{ id: string }>(await call(w, w.people.adminE1, 'POST', '/api/v1/users', { username: marker, orgId: w.orgs.E1, role: 'viewer', password: PASSWORD }));
    return { id: user.id, marker, extra: {} };
  },
  probes: [
    { name: 'get', kind: 'read', route: 'GET /api/v1/users/{id}', rule: rules.adminSubtree, run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/users/${h.id}`)) },
    { name: 'list', kind: 'list', route: 'GET /api/v1/users', rule: rules.adminSubtree, run: async (w, p, h) => byMarker(await call(w, p, 'GET', '/api/v1/users'), h.marker) },
    {
      name: 'list by organisation',
      kind: 'list',
      route: 'GET /api/v1/users',
      rule: rules.adminSubtree,
      run: async (w, p, h) => byMarker(await call(w, p, 'GET', `/api/v1/users?orgId=${w.orgs.E1}`), h.marker),
    },
    { name: 'patch', kind: 'write', route: 'PATCH /api/v1/users/{id}', rule: rules.adminSubtree, run: async (w, p, h) => byStatus(await call(w, p, 'PATCH', `/api/v1/users/${h.id}`, { role: 'viewer' })) },
    {
      name: 'issue a token for',
      kind: 'write',
      route: 'POST /api/v1/tokens',
      rule: rules.adminSubtree,
      run: async (w, p, h) => byStatus(await call(w, p, 'POST', '/api/v1/tokens', { name: 'matrix', userId: h.id })),
    },
  ],
});
