import { defineFamily, rules, uniqueMarker, unmarked, type Rule } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

/** The holder (E1's analyst) and admins of E1 or above. */
const holderOrAdmin: Rule = (c, s) => c.name === 'owner analyst' || rules.adminSubtree(c, s);

// API tokens: each person's own; admins of the holder's organisation or above manage them too.
export const tokens = defineFamily({
  name: 'tokens',
  routes: [],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('token');
    const token = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/tokens', { name: marker }));
    return { id: token.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'own list', kind: 'list', route: 'GET /api/v1/tokens', rule: (c) => c.name === 'owner analyst' }, () => '/api/v1/tokens'),
    markerProbe({ name: 'list of the holder', kind: 'list', route: 'GET /api/v1/tokens', rule: holderOrAdmin }, (w) => `/api/v1/tokens?userId=${w.people.analystE1.id}`),
    writeProbe({ name: 'revoke', route: 'DELETE /api/v1/tokens/{id}', rule: holderOrAdmin, destructive: true }, 'DELETE', (_w, h) => `/api/v1/tokens/${h.id}`),
  ],
});
