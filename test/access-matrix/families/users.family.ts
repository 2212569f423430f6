import { PASSWORD } from '../../support/fixture.js';
import { defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

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
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/users/{id}', rule: rules.adminSubtree }, (_w, h) => `/api/v1/users/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/users', rule: rules.adminSubtree }, () => '/api/v1/users'),
    markerProbe({ name: 'list by organisation', kind: 'list', route: 'GET /api/v1/users', rule: rules.adminSubtree }, (w) => `/api/v1/users?orgId=${w.orgs.E1}`),
    writeProbe({ name: 'patch', route: 'PATCH /api/v1/users/{id}', rule: rules.adminSubtree }, 'PATCH', (_w, h) => `/api/v1/users/${h.id}`, () => ({ role: 'viewer' })),
    writeProbe({ name: 'issue a token for', route: 'POST /api/v1/tokens', rule: rules.adminSubtree }, 'POST', () => '/api/v1/tokens', (_w, h) => ({ name: 'matrix', userId: h.id })),
  ],
});
