import { defineFamily, uniqueMarker, unmarked, type Rule } from '../family.js';
import { call, created, markerProbe, statusProbe, writeProbe } from '../kit.js';

// Nothing listens on the discard port: a run fails fast and says so in its result.
const remote = { kind: 'kev', url: 'http://127.0.0.1:9/kev.json' } as const;

/** Shared knowledge is the root organisation's (N, the grandparent here): its members read feeds, its admins run them. */
const rootMember: Rule = (c) => c.relation === 'grandparent';
const rootAdmin: Rule = (c) => c.relation === 'grandparent' && c.role === 'admin';

// Knowledge feeds: platform-wide, defined by the root organisation's admins; no other organisation sees them.
export const knowledgeFeeds = defineFamily({
  name: 'knowledge feeds',
  routes: [],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('kbfeed');
    created(await call(w, w.people.adminN, 'PUT', `/api/v1/kb/feeds/${marker}`, remote));
    return { id: marker, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/kb/feeds', rule: rootMember }, () => '/api/v1/kb/feeds'),
    statusProbe({ name: 'read', kind: 'read', route: 'GET /api/v1/kb/feeds/{name}', rule: rootMember }, (_w, h) => `/api/v1/kb/feeds/${h.id}`),
    writeProbe({ name: 'save', route: 'PUT /api/v1/kb/feeds/{name}', rule: rootAdmin }, 'PUT', (_w, h) => `/api/v1/kb/feeds/${h.id}`, () => ({ ...remote, intervalMinutes: 60 })),
    writeProbe({ name: 'run', route: 'POST /api/v1/kb/feeds/{name}/run', rule: rootAdmin }, 'POST', (_w, h) => `/api/v1/kb/feeds/${h.id}/run?wait=true`),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/kb/feeds/{name}', rule: rootAdmin, destructive: true }, 'DELETE', (_w, h) => `/api/v1/kb/feeds/${h.id}`),
  ],
});
