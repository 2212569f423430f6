import { byMarker, byStatus, defineFamily, rules, uniqueMarker, unmarked, type Rule } from '../family.js';
import { call, created } from '../kit.js';

/** The holder (E1's analyst) and admins of E1 or above. */
const holderOrAdmin: Rule = (c) => c.name === 'owner analyst' || rules.adminSubtree(c, unmarked[0]!);

// API tokens: each person's own; admins of the holder's organisation or above manage them too.
export const tokens = defineFamily({
  name: 'tokens',
  routes: ['POST /api/v1/tokens'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('token');
    const token = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/tokens', { name: marker }));
    return { id: token.id, marker, extra: {} };
  },
  probes: [
    { name: 'own list', kind: 'list', route: 'GET /api/v1/tokens', rule: (c) => c.name === 'owner analyst', run: async (w, p, h) => byMarker(await call(w, p, 'GET', '/api/v1/tokens'), h.marker) },
    {
      name: 'list of the holder',
      kind: 'list',
      route: 'GET /api/v1/tokens',
      rule: holderOrAdmin,
      run: async (w, p, h) => byMarker(await call(w, p, 'GET', `/api/v1/tokens?userId=${w.people.analystE1.id}`), h.marker),
    },
    {
      name: 'revoke',
      kind: 'write',
      route: 'DELETE /api/v1/tokens/{id}',
      rule: holderOrAdmin,
      destructive: true,
      run: async (w, p, h) => byStatus(await call(w, p, 'DELETE', `/api/v1/tokens/${h.id}`)),
    },
  ],
});
