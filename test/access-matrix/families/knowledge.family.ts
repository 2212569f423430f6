import type { World } from '../../support/fixture.js';
import { byMarker, byStatus, defineFamily, rules, uniqueMarker, upwardSettings, type Probe, type Rule } from '../family.js';
import { call, created, enc } from '../kit.js';

/** Vetting: analysts and admins above the submitter, on a submission they may see. */
const vetting: Rule = (c, s) => rules.read(c, s) && (c.relation === 'parent' || c.relation === 'grandparent') && (c.role === 'admin' || c.role === 'analyst');

async function idOf(w: World, table: 'kb_vendors' | 'kb_products', name: string): Promise<string> {
  const row = await w.database.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst();
  if (row === undefined) throw new Error(`no ${table} row named ${name}`);
  return row.id;
}

const get = (name: string, kind: Probe['kind'], route: string, url: (w: World, h: Parameters<Probe['run']>[2]) => string, what: 'status' | 'marker' | 'vendor' = 'status'): Probe => ({
  name,
  kind,
  route,
  rule: rules.read,
  run: async (w, p, h) => {
    const r = await call(w, p, 'GET', url(w, h));
    return what === 'status' ? byStatus(r) : byMarker(r, what === 'marker' ? h.marker : (h.extra['vendor'] ?? ''));
  },
});

// A vulnerability an organisation submits (collected, unpublished) and everything derived from it:
// search, facets, counts, vendors, products, the knowledge graph and the lifecycle history.
// Submissions go upward to be vetted, so every setting is shared upward.
export const knowledge = defineFamily({
  name: 'knowledge submissions',
  routes: ['POST /api/v1/kb/vulnerabilities'],
  settings: upwardSettings,
  async create(w, { tlp }) {
    const marker = uniqueMarker('vuln');
    const vendor = `Vendor ${marker}`;
    const product = `Product ${marker}`;
    const vuln = created<{ id: string }>(
      await call(w, w.people.analystE1, 'POST', '/api/v1/kb/vulnerabilities', {
        title: `Unauthenticated write ${marker}`,
        description: `Function code 16 writes set-points without any check (${marker}).`,
        vendor, product, versions: 'all versions', cwe: 'CWE-306', tlp,
      }),
    );
    return { id: vuln.id, marker, extra: { vendor, vendorId: await idOf(w, 'kb_vendors', vendor), productId: await idOf(w, 'kb_products', product) } };
  },
  probes: [
    get('get', 'read', 'GET /api/v1/kb/vulnerabilities/{id}', (_w, h) => `/api/v1/kb/vulnerabilities/${h.id}`),
    get('history', 'read', 'GET /api/v1/kb/vulnerabilities/{id}/history', (_w, h) => `/api/v1/kb/vulnerabilities/${h.id}/history`),
    get('search', 'search', 'GET /api/v1/kb/vulnerabilities', (_w, h) => `/api/v1/kb/vulnerabilities?q=${enc(h.marker)}`, 'marker'),
    get('list', 'list', 'GET /api/v1/kb/vulnerabilities', () => '/api/v1/kb/vulnerabilities?limit=200&sort=published', 'marker'),
    // Past the last page: no items, only the facets of everything the filter selects.
    get('facets', 'facet', 'GET /api/v1/kb/vulnerabilities', () => '/api/v1/kb/vulnerabilities?limit=1&offset=100000', 'vendor'),
    {
      name: 'count by vendor',
      kind: 'count',
      route: 'GET /api/v1/kb/vulnerabilities',
      rule: rules.read,
      run: async (w, p, h) => {
        const r = await call(w, p, 'GET', `/api/v1/kb/vulnerabilities?vendor=${enc(h.extra['vendor'] ?? '')}&limit=1&offset=100000`);
        return byStatus(r) === 'visible' && (JSON.parse(r.body) as { total: number }).total > 0 ? 'visible' : 'hidden';
      },
    },
    get('vendors', 'list', 'GET /api/v1/kb/vendors', (_w, h) => `/api/v1/kb/vendors?q=${enc(h.marker)}`, 'vendor'),
    get('vendor', 'read', 'GET /api/v1/kb/vendors/{id}', (_w, h) => `/api/v1/kb/vendors/${enc(h.extra['vendorId'] ?? '')}`),
    {
      name: 'vendor vulnerability count',
      kind: 'count',
      route: 'GET /api/v1/kb/vendors',
      rule: rules.read,
      run: async (w, p, h) => {
        const r = await call(w, p, 'GET', `/api/v1/kb/vendors?q=${enc(h.marker)}`);
        if (byStatus(r) === 'hidden') return 'hidden';
        const items = (JSON.parse(r.body) as { items: { vulnerabilities: number }[] }).items;
        return items.some((v) => v.vulnerabilities > 0) ? 'visible' : 'hidden';
      },
    },
    get('product', 'read', 'GET /api/v1/kb/products', (_w, h) => `/api/v1/kb/products?id=${enc(h.extra['productId'] ?? '')}`),
    get('product vulnerabilities', 'list', 'GET /api/v1/kb/products', (_w, h) => `/api/v1/kb/products?id=${enc(h.extra['productId'] ?? '')}`, 'marker'),
    get('graph', 'graph', 'GET /api/v1/kb/graph', (_w, h) => `/api/v1/kb/graph?node=${enc(`vulnerability:${h.id}`)}`),
    get('graph from the vendor', 'graph', 'GET /api/v1/kb/graph', (_w, h) => `/api/v1/kb/graph?node=${enc(`vendor:${h.extra['vendorId'] ?? ''}`)}&depth=3`, 'marker'),
    {
      name: 'vet',
      kind: 'write',
      route: 'POST /api/v1/kb/vulnerabilities/{id}/lifecycle',
      rule: vetting,
      destructive: true,
      run: async (w, p, h) => byStatus(await call(w, p, 'POST', `/api/v1/kb/vulnerabilities/${h.id}/lifecycle`, { to: 'verified' })),
    },
  ],
});
