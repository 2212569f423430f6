import { randomUUID } from 'node:crypto';
import { upwardReaderRoles } from '../../../src/platform/access.js';
import { tlpShareableUpward } from '../../../src/platform/tlp.js';
import { byMarker, byStatus, defineFamily, markedSettings, rules, uniqueMarker, type Probe, type Rule } from '../family.js';
import { call, created, markerProbe, taxii, writeProbe } from '../kit.js';
import { importIntel } from './intel.family.js';

// A collection over E1's store, granted to P's admins, analysts and responders (not below P, not above it).
const granted = (c: Parameters<Rule>[0]) => c.relation === 'parent' && c.role !== null && upwardReaderRoles.includes(c.role);
/** The owner's members, and whom the grant names. */
const collectionRule: Rule = (c) => c.relation === 'owner' || granted(c);
/** A grant is the owner's choice to share (shared upward or not), but never beyond AMBER (ADR 007). */
const objectRule: Rule = (c, s) => c.relation === 'owner' || (granted(c) && tlpShareableUpward.includes(s.tlp));

const collection = (h: { extra: Readonly<Record<string, string>> }) => h.extra['collection'] ?? '';

const objectsProbe = (name: string, path: (h: Parameters<Probe['run']>[2]) => string, route: string, what: 'marker' | 'id'): Probe => ({
  name,
  kind: 'read',
  route,
  rule: objectRule,
  run: async (w, p, h) => byMarker(await taxii(w, p, 'GET', path(h)), what === 'marker' ? h.marker : h.id),
});

// TAXII 2.1 collections, their objects, manifests and versions, read with Bearer tokens; status resources.
export const taxiiCollections = defineFamily({
  name: 'taxii',
  routes: ['POST /api/v1/taxii/collections', 'POST /taxii2/api1/collections/{collection}/objects'],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const title = uniqueMarker('collection');
    const made = created<{ id: string }>(
      await call(w, w.people.adminE1, 'POST', '/api/v1/taxii/collections', { title, readers: [{ orgId: w.orgs.P, roles: [...upwardReaderRoles] }] }),
    );
    const objects = await importIntel(w, tlp, sharedUpward, 'taxii');
    const pushed = { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', pattern: `[ipv4-addr:value = '198.51.100.8']`, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00.000Z' };
    const status = created<{ id: string }>(await taxii(w, w.people.analystE1, 'POST', `collections/${made.id}/objects/`, { objects: [pushed] }));
    return { id: objects.id, marker: objects.marker, extra: { collection: made.id, title, status: status.id } };
  },
  probes: [
    { name: 'collections', kind: 'list', route: 'GET /taxii2/api1/collections', rule: collectionRule, run: async (w, p, h) => byMarker(await taxii(w, p, 'GET', 'collections/'), collection(h)) },
    { name: 'collection', kind: 'read', route: 'GET /taxii2/api1/collections/{collection}', rule: collectionRule, run: async (w, p, h) => byStatus(await taxii(w, p, 'GET', `collections/${collection(h)}/`)) },
    objectsProbe('objects', (h) => `collections/${collection(h)}/objects/`, 'GET /taxii2/api1/collections/{collection}/objects', 'marker'),
    objectsProbe('object', (h) => `collections/${collection(h)}/objects/${h.id}/`, 'GET /taxii2/api1/collections/{collection}/objects/{object}', 'marker'),
    objectsProbe('manifest', (h) => `collections/${collection(h)}/manifest/`, 'GET /taxii2/api1/collections/{collection}/manifest', 'id'),
    {
      name: 'versions',
      kind: 'count',
      route: 'GET /taxii2/api1/collections/{collection}/objects/{object}/versions',
      rule: objectRule,
      run: async (w, p, h) => {
        const r = await taxii(w, p, 'GET', `collections/${collection(h)}/objects/${h.id}/versions/`);
        return byStatus(r) === 'visible' && ((JSON.parse(r.body) as { versions?: unknown[] }).versions?.length ?? 0) === 2 ? 'visible' : 'hidden';
      },
    },
    { name: 'status', kind: 'read', route: 'GET /taxii2/api1/status/{status}', rule: rules.ownOrg, run: async (w, p, h) => byStatus(await taxii(w, p, 'GET', `status/${h.extra['status'] ?? ''}/`)) },
    markerProbe({ name: 'definitions', kind: 'list', route: 'GET /api/v1/taxii/collections', rule: collectionRule }, () => '/api/v1/taxii/collections', (h) => h.extra['title'] ?? ''),
    {
      name: 'add objects',
      kind: 'write',
      route: 'POST /taxii2/api1/collections/{collection}/objects',
      rule: rules.write,
      run: async (w, p, h) => byStatus(await taxii(w, p, 'POST', `collections/${collection(h)}/objects/`, { objects: [] })),
    },
    {
      name: 'delete object',
      kind: 'write',
      route: 'DELETE /taxii2/api1/collections/{collection}/objects/{object}',
      rule: rules.write,
      destructive: true,
      run: async (w, p, h) => byStatus(await taxii(w, p, 'DELETE', `collections/${collection(h)}/objects/${h.id}/`)),
    },
    writeProbe({ name: 'delete collection', route: 'DELETE /api/v1/taxii/collections/{id}', rule: rules.ownAdmin, destructive: true }, 'DELETE', (_w, h) => `/api/v1/taxii/collections/${collection(h)}`),
  ],
});
