import { byStatus, defineFamily, rules, uniqueMarker, unmarked } from '../family.js';
import { call, created, markerProbe, writeProbe } from '../kit.js';

// Nothing listens on the discard port: a run fails fast and says so in its report.
const remote = { direction: 'pull', url: 'http://127.0.0.1:9/taxii2/api1/collections/x/' } as const;

// TAXII feeds (remote collections an organisation pulls from or pushes to): the organisation's own.
export const feeds = defineFamily({
  name: 'feeds',
  routes: [],
  settings: unmarked,
  async create(w) {
    const marker = uniqueMarker('feed');
    created(await call(w, w.people.analystE1, 'PUT', `/api/v1/taxii/feeds/${marker}`, remote));
    return { id: marker, marker, extra: {} };
  },
  probes: [
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/taxii/feeds', rule: rules.ownOrg }, () => '/api/v1/taxii/feeds'),
    {
      // A writer elsewhere saves a feed of the same name in their own organisation: visible means it changed ours.
      name: 'save',
      kind: 'write',
      route: 'PUT /api/v1/taxii/feeds/{name}',
      rule: rules.write,
      run: async (w, p, h) => {
        const r = await call(w, p, 'PUT', `/api/v1/taxii/feeds/${h.id}`, { ...remote, pageSize: 7 });
        if (byStatus(r) === 'hidden') return 'hidden';
        if ((JSON.parse(r.body) as { orgId: string }).orgId === w.orgs.E1) return 'visible';
        // The caller's own feed of that name would stand in for ours in the probes after this one.
        byStatus(await call(w, p, 'DELETE', `/api/v1/taxii/feeds/${h.id}`));
        return 'hidden';
      },
    },
    writeProbe({ name: 'run', route: 'POST /api/v1/taxii/feeds/{name}/run', rule: rules.write }, 'POST', (_w, h) => `/api/v1/taxii/feeds/${h.id}/run?maxPages=1`),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/taxii/feeds/{name}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/taxii/feeds/${h.id}`),
  ],
});
