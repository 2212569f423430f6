import { defineFamily, uniqueMarker, unmarked, type Rule } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

/** A saved view is its author's alone: not even admins of the organisation read it. */
const author: Rule = (c) => c.name === 'owner analyst';

// Saved views of the alert queue (issue 13), kept per user.
export const alertViews = defineFamily({
  name: 'alert views',
  routes: ['POST /api/v1/alert-views'],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('view');
    const saved = created<{ id: string }>(await call(w, w.people.analystE1, 'POST', '/api/v1/alert-views', { name: marker, filter: { status: 'new', technique: 'T0843' } }));
    return { id: saved.id, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'own list', kind: 'list', route: 'GET /api/v1/alert-views', rule: author }, () => '/api/v1/alert-views'),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/alert-views/{id}', rule: author, destructive: true }, 'DELETE', (_w, h) => `/api/v1/alert-views/${h.id}`),
  ],
});
