import type { World } from '../../support/fixture.js';
import { byStatus, defineFamily, rules, uniqueMarker, upwardSettings, type Handle, type Rule } from '../family.js';
import { call, created, enc, markerProbe, statusProbe, writeProbe } from '../kit.js';

/** Vetting: analysts and admins above the submitter, on a submission they may see. */
const vetting: Rule = (c, s) => rules.read(c, s) && (c.relation === 'parent' || c.relation === 'grandparent') && (c.role === 'admin' || c.role === 'analyst');

async function idOf(w: World, table: 'kb_vendors' | 'kb_products', name: string): Promise<string> {
  const row = await w.database.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst();
  if (row === undefined) throw new Error(`no ${table} row named ${name}`);
  return row.id;
}

const vuln = (h: Handle) => `/api/v1/kb/vulnerabilities/${h.id}`;
const extra = (key: string) => (h: Handle) => h.extra[key] ?? '';

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
    statusProbe({ name: 'get', kind: 'read', route: 'GET /api/v1/kb/vulnerabilities/{id}', rule: rules.read }, (_w, h) => vuln(h)),
    statusProbe({ name: 'history', kind: 'read', route: 'GET /api/v1/kb/vulnerabilities/{id}/history', rule: rules.read }, (_w, h) => `${vuln(h)}/history`),
    markerProbe({ name: 'search', kind: 'search', route: 'GET /api/v1/kb/vulnerabilities', rule: rules.read }, (_w, h) => `/api/v1/kb/vulnerabilities?q=${enc(h.marker)}`),
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/kb/vulnerabilities', rule: rules.read }, () => '/api/v1/kb/vulnerabilities?limit=200&sort=published'),
    // Past the last page: no items, only the facets of everything the filter selects.
    markerProbe({ name: 'facets', kind: 'facet', route: 'GET /api/v1/kb/vulnerabilities', rule: rules.read }, () => '/api/v1/kb/vulnerabilities?limit=1&offset=100000', extra('vendor')),
    {
      name: 'count by vendor',
      kind: 'count',
      route: 'GET /api/v1/kb/vulnerabilities',
      rule: rules.read,
      run: async (w, p, h) => {
        const r = await call(w, p, 'GET', `/api/v1/kb/vulnerabilities?vendor=${enc(extra('vendor')(h))}&limit=1&offset=100000`);
        return byStatus(r) === 'visible' && (JSON.parse(r.body) as { total: number }).total > 0 ? 'visible' : 'hidden';
      },
    },
    markerProbe({ name: 'vendors', kind: 'list', route: 'GET /api/v1/kb/vendors', rule: rules.read }, (_w, h) => `/api/v1/kb/vendors?q=${enc(h.marker)}`, extra('vendor')),
    {
      name: 'vendor vulnerability count',
      kind: 'count',
      route: 'GET /api/v1/kb/vendors',
      rule: rules.read,
      run: async (w, p, h) => {
        const r = await call(w, p, 'GET', `/api/v1/kb/vendors?q=${enc(h.marker)}`);
        if (byStatus(r) === 'hidden') return 'hidden';
        return (JSON.parse(r.body) as { items: { vulnerabilities: number }[] }).items.some((v) => v.vulnerabilities > 0) ? 'visible' : 'hidden';
      },
    },
    statusProbe({ name: 'vendor', kind: 'read', route: 'GET /api/v1/kb/vendors/{id}', rule: rules.read }, (_w, h) => `/api/v1/kb/vendors/${enc(extra('vendorId')(h))}`),
    statusProbe({ name: 'product', kind: 'read', route: 'GET /api/v1/kb/products', rule: rules.read }, (_w, h) => `/api/v1/kb/products?id=${enc(extra('productId')(h))}`),
    markerProbe({ name: 'product vulnerabilities', kind: 'list', route: 'GET /api/v1/kb/products', rule: rules.read }, (_w, h) => `/api/v1/kb/products?id=${enc(extra('productId')(h))}`),
    statusProbe({ name: 'graph', kind: 'graph', route: 'GET /api/v1/kb/graph', rule: rules.read }, (_w, h) => `/api/v1/kb/graph?node=${enc(`vulnerability:${h.id}`)}`),
    markerProbe({ name: 'graph from the vendor', kind: 'graph', route: 'GET /api/v1/kb/graph', rule: rules.read }, (_w, h) => `/api/v1/kb/graph?node=${enc(`vendor:${extra('vendorId')(h)}`)}&depth=3`),
    writeProbe({ name: 'vet', route: 'POST /api/v1/kb/vulnerabilities/{id}/lifecycle', rule: vetting, destructive: true }, 'POST', (_w, h) => `${vuln(h)}/lifecycle`, () => ({ to: 'verified' })),
  ],
});
