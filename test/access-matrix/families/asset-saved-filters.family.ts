import { defineFamily, uniqueMarker, unmarked, type Rule } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

/** A saved filter is its author's alone: not even admins of the organisation read it. */
const author: Rule = (c) => c.name === 'owner analyst';

// Saved filters of the assets list, kept per user.
export const assetSavedFilters = defineFamily({
  name: 'asset saved filters',
  routes: ['POST /api/v1/assets/saved-filters'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('filter');
    const saved = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/assets/saved-filters', { name: marker, filter: { q: marker, exposed: true } }));
    return { id: saved.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'own list', kind: 'list', route: 'GET /api/v1/assets/saved-filters', rule: author }, () => '/api/v1/assets/saved-filters'),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/assets/saved-filters/{id}', rule: author, destructive: true }, 'DELETE', (_w, h) => `/api/v1/assets/saved-filters/${h.id}`),
  ],
});
