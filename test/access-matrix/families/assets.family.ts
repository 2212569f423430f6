import { byStatus, defineFamily, markedSettings, rules, uniqueMarker } from '../family.js';
import { call, created, enc, markerProbe, statusProbe, writeProbe } from '../kit.js';

// Assets, the inventory: every read path, the exposures and discovery conflicts hanging off one, and writes.
export const assets = defineFamily({
  name: 'assets',
  routes: [],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('asset');
    const asset = created<{ id: string }>(
      await call(w, w.people.analystE1, 'POST', '/api/v1/assets', { name: marker, ip: '10.7.7.7', vendor: 'Siemens', model: 'S7-1200', firmwareVersion: '4.2', tlp, sharedUpward }),
    );
    return { id: asset.id, marker, extra: {} };
  },
  probes: [
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/assets/{id}', rule: rules.read }, (_w, h) => `/api/v1/assets/${h.id}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/assets', rule: rules.read }, () => '/api/v1/assets?limit=200'),
    markerProbe({ name: 'search', kind: 'search', route: 'GET /api/v1/assets', rule: rules.read }, (_w, h) => `/api/v1/assets?q=${enc(h.marker)}`),
    markerProbe({ name: 'list by owner organisation', kind: 'list', route: 'GET /api/v1/assets', rule: rules.read }, (w) => `/api/v1/assets?orgId=${w.orgs.E1}&limit=200`),
    statusProbe({ name: 'exposures', kind: 'read', route: 'GET /api/v1/assets/{id}/exposures', rule: rules.read }, (_w, h) => `/api/v1/assets/${h.id}/exposures`),
    statusProbe({ name: 'discovery conflicts', kind: 'read', route: 'GET /api/v1/assets/{id}/discovery-conflicts', rule: rules.read }, (_w, h) => `/api/v1/assets/${h.id}/discovery-conflicts`),
    statusProbe({ name: 'asset page context', kind: 'read', route: 'GET /api/v1/assets/{id}/context', rule: rules.read }, (_w, h) => `/api/v1/assets/${h.id}/context`),
    markerProbe({ name: 'list by exposure, worst first', kind: 'list', route: 'GET /api/v1/assets', rule: rules.read }, () => '/api/v1/assets?sort=exposures&order=desc&limit=500'),
    markerProbe({ name: 'list of the unexposed', kind: 'list', route: 'GET /api/v1/assets', rule: rules.read }, (_w, h) => `/api/v1/assets?exposed=false&q=${enc(h.marker)}`),
    markerProbe({ name: 'CSV export', kind: 'export', route: 'GET /api/v1/assets/export', rule: rules.read }, (_w, h) => `/api/v1/assets/export?q=${enc(h.marker)}`),
    markerProbe({ name: 'global search by name', kind: 'search', route: 'GET /api/v1/search', rule: rules.read }, (_w, h) => `/api/v1/search?q=${enc(h.marker)}`, (h) => h.id),
    {
      name: 'correlate',
      kind: 'count',
      route: 'POST /api/v1/kb/correlate',
      // Recomputing exposures is for admins and analysts who may see the asset.
      rule: (c, s) => rules.read(c, s) && (c.role === 'admin' || c.role === 'analyst'),
      // The report counts the assets it recomputed: a count of one admits the asset exists.
      run: async (w, p, h) => {
        const r = await call(w, p, 'POST', '/api/v1/kb/correlate', { assetIds: [h.id] });
        return byStatus(r) === 'visible' && (JSON.parse(r.body) as { assets: number }).assets === 1 ? 'visible' : 'hidden';
      },
    },
    {
      name: 'CSV import of the same name',
      kind: 'write',
      route: 'POST /api/v1/assets/import',
      rule: rules.write,
      // Two callers of one organisation at once would find each other's asset of that name.
      sequential: true,
      // Upserts go by name within the importer's organisation: "updated" means it reached ours.
      run: async (w, p, h) => {
        const r = await call(w, p, 'POST', '/api/v1/assets/import', `name,zone\n${h.marker},Level 1\n`, { 'content-type': 'text/csv' });
        if (byStatus(r) === 'hidden') return 'hidden';
        if ((JSON.parse(r.body) as { updated: number }).updated === 1) return 'visible';
        // The caller's own asset of that name would stand in for ours in later probes.
        const own = created<{ items: { id: string; orgId: string }[] }>(await call(w, p, 'GET', `/api/v1/assets?q=${enc(h.marker)}`));
        for (const a of own.items.filter((x) => x.orgId !== w.orgs.E1)) byStatus(await call(w, p, 'DELETE', `/api/v1/assets/${a.id}`));
        return 'hidden';
      },
    },
    writeProbe({ name: 'create in the owner organisation', route: 'POST /api/v1/assets', rule: rules.write }, 'POST', () => '/api/v1/assets', (w) => ({ name: `am-new-${Math.random().toString(36).slice(2, 10)}`, orgId: w.orgs.E1 })),
    writeProbe({ name: 'patch', route: 'PATCH /api/v1/assets/{id}', rule: rules.write }, 'PATCH', (_w, h) => `/api/v1/assets/${h.id}`, () => ({ zone: 'Level 1' })),
    writeProbe({ name: 'delete', route: 'DELETE /api/v1/assets/{id}', rule: rules.write, destructive: true }, 'DELETE', (_w, h) => `/api/v1/assets/${h.id}`),
    writeProbe({ name: 'bulk edit', route: 'POST /api/v1/assets/bulk-update', rule: rules.write }, 'POST', () => '/api/v1/assets/bulk-update', (_w, h) => ({ ids: [h.id], set: { zone: 'Level 2' } })),
    writeProbe({ name: 'bulk delete', route: 'POST /api/v1/assets/bulk-delete', rule: rules.write, destructive: true }, 'POST', () => '/api/v1/assets/bulk-delete', (_w, h) => ({ ids: [h.id] })),
  ],
});
