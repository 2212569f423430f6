import { byMarker, byStatus, defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, enc } from '../kit.js';

// Assets, the inventory: every read path, the exposures and discovery conflicts hanging off one, and writes.
export const assets = defineFamily({
  name: 'assets',
  routes: ['POST /api/v1/assets', 'POST /api/v1/assets/import'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('asset');
    const asset = created<{ id: string }>(
      await call(w, w.people.analystE1, 'POST', '/api/v1/assets', { name: marker, ip: '10.7.7.7', vendor: 'Siemens', model: 'S7-1200', firmwareVersion: '4.2', tlp, sharedUpward }),
    );
    return { id: asset.id, marker, extra: {} };
  },
  probes: [
    { name: 'get', kind: 'read', route: 'GET /api/v1/assets/{id}', rule: rules.read, run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/assets/${h.id}`)) },
    { name: 'list', kind: 'list', route: 'GET /api/v1/assets', rule: rules.read, run: async (w, p, h) => byMarker(await call(w, p, 'GET', '/api/v1/assets?limit=200'), h.marker) },
    { name: 'search', kind: 'search', route: 'GET /api/v1/assets', rule: rules.read, run: async (w, p, h) => byMarker(await call(w, p, 'GET', `/api/v1/assets?q=${enc(h.marker)}`), h.marker) },
    {
      name: 'list by owner organisation',
      kind: 'list',
      route: 'GET /api/v1/assets',
      rule: rules.read,
      run: async (w, p, h) => byMarker(await call(w, p, 'GET', `/api/v1/assets?orgId=${w.orgs.E1}&limit=200`), h.marker),
    },
    { name: 'exposures', kind: 'read', route: 'GET /api/v1/assets/{id}/exposures', rule: rules.read, run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/assets/${h.id}/exposures`)) },
    {
      name: 'discovery conflicts',
      kind: 'read',
      route: 'GET /api/v1/assets/{id}/discovery-conflicts',
      rule: rules.read,
      run: async (w, p, h) => byStatus(await call(w, p, 'GET', `/api/v1/assets/${h.id}/discovery-conflicts`)),
    },
    {
      name: 'correlate',
      kind: 'count',
      route: 'POST /api/v1/kb/correlate',
      rule: rules.write,
      // The report counts the assets it recomputed: a count of one admits the asset exists.
      run: async (w, p, h) => {
        const r = await call(w, p, 'POST', '/api/v1/kb/correlate', { assetIds: [h.id] });
        return byStatus(r) === 'visible' && (JSON.parse(r.body) as { assets: number }).assets === 1 ? 'visible' : 'hidden';
      },
    },
    { name: 'patch', kind: 'write', route: 'PATCH /api/v1/assets/{id}', rule: rules.write, run: async (w, p, h) => byStatus(await call(w, p, 'PATCH', `/api/v1/assets/${h.id}`, { zone: 'Level 1' })) },
    {
      name: 'delete',
      kind: 'write',
      route: 'DELETE /api/v1/assets/{id}',
      rule: rules.write,
      destructive: true,
      run: async (w, p, h) => byStatus(await call(w, p, 'DELETE', `/api/v1/assets/${h.id}`)),
    },
  ],
});
