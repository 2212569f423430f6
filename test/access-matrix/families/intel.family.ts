import { randomUUID } from 'node:crypto';
import type { Tlp } from '../../../src/platform/tlp.js';
import type { World } from '../../support/fixture.js';
import { byStatus, defineFamily, markedSettings, rules, uniqueMarker, type Handle } from '../family.js';
import { call, created, enc, markerProbe, statusProbe } from '../kit.js';

/** An indicator in two versions, a malware and the relationship between them, imported by E1's analyst. */
export async function importIntel(w: World, tlp: Tlp, sharedUpward: boolean, family: string): Promise<Handle> {
  const marker = uniqueMarker(family);
  const indicator = `indicator--${randomUUID()}`;
  const malware = `malware--${randomUUID()}`;
  const relationship = `relationship--${randomUUID()}`;
  const created0 = '2026-01-01T00:00:00.000Z';
  const version = (modified: string) => ({
    type: 'indicator', spec_version: '2.1', id: indicator, created: created0, modified, name: marker, labels: [marker],
    pattern: `[domain-name:value = '${marker}.example']`, pattern_type: 'stix', valid_from: created0,
  });
  const objects = [
    version('2026-01-01T00:00:00.000Z'),
    version('2026-01-02T00:00:00.000Z'),
    { type: 'malware', spec_version: '2.1', id: malware, created: created0, modified: created0, name: `${marker}-malware`, is_family: true },
    { type: 'relationship', spec_version: '2.1', id: relationship, created: created0, modified: created0, relationship_type: 'indicates', source_ref: indicator, target_ref: malware },
  ];
  const query = `name=${marker}&tlp=${enc(tlp)}&sharedUpward=${sharedUpward}`;
  const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
  const report = created<{ id: string; stored: number }>(
    await call(w, w.people.analystE1, 'POST', `/api/v1/intel/imports?${query}`, JSON.stringify(bundle), { 'content-type': 'application/stix+json;version=2.1' }),
  );
  if (report.stored !== objects.length) throw new Error(`stored ${report.stored} of ${objects.length} objects`);
  return { id: indicator, marker, extra: { malware, relationship, importId: report.id } };
}

const detail = async (w: World, p: Parameters<typeof call>[1], id: string) => call(w, p, 'GET', `/api/v1/intel/objects/${id}`);
const extra = (key: string) => (h: Handle) => h.extra[key] ?? '';

// Intelligence objects: every read path over the store, and the imports that brought them.
export const intel = defineFamily({
  name: 'intelligence objects',
  routes: ['POST /api/v1/intel/imports'],
  settings: markedSettings,
  create: (w, s) => importIntel(w, s.tlp, s.sharedUpward, 'intel'),
  probes: [
    markerProbe({ name: 'list', kind: 'list', route: 'GET /api/v1/intel/objects', rule: rules.read }, () => '/api/v1/intel/objects?limit=100'),
    markerProbe({ name: 'list by owner organisation', kind: 'list', route: 'GET /api/v1/intel/objects', rule: rules.read }, (w) => `/api/v1/intel/objects?orgId=${w.orgs.E1}&limit=100`),
    markerProbe({ name: 'search', kind: 'search', route: 'GET /api/v1/intel/objects', rule: rules.read }, (_w, h) => `/api/v1/intel/objects?q=${enc(h.marker)}`),
    markerProbe({ name: 'by id', kind: 'search', route: 'GET /api/v1/intel/objects', rule: rules.read }, (_w, h) => `/api/v1/intel/objects?id=${h.id}`),
    {
      name: 'one, with its versions',
      kind: 'read',
      route: 'GET /api/v1/intel/objects/{id}',
      rule: rules.read,
      run: async (w, p, h) => {
        const r = await detail(w, p, h.id);
        return byStatus(r) === 'visible' && (JSON.parse(r.body) as { versions: unknown[] }).versions.length === 2 ? 'visible' : 'hidden';
      },
    },
    // The relationship is E1's, so the malware's page lists it only to those who may see E1's objects.
    markerProbe({ name: 'relationships of the target', kind: 'graph', route: 'GET /api/v1/intel/objects/{id}', rule: rules.read }, (_w, h) => `/api/v1/intel/objects/${extra('malware')(h)}`, extra('relationship')),
    markerProbe({ name: 'facets', kind: 'facet', route: 'GET /api/v1/intel/facets', rule: rules.read }, (_w, h) => `/api/v1/intel/facets?label=${enc(h.marker)}`),
    markerProbe({ name: 'facets without filter', kind: 'facet', route: 'GET /api/v1/intel/facets', rule: rules.read }, () => '/api/v1/intel/facets'),
    markerProbe({ name: 'export', kind: 'export', route: 'GET /api/v1/intel/export', rule: rules.read }, (_w, h) => `/api/v1/intel/export?id=${h.id}`),
    markerProbe({ name: 'export by label', kind: 'export', route: 'GET /api/v1/intel/export', rule: rules.read }, (_w, h) => `/api/v1/intel/export?label=${enc(h.marker)}&versions=all`),
    markerProbe(
      { name: 'export with dependencies', kind: 'export', route: 'GET /api/v1/intel/export', rule: rules.read },
      (_w, h) => `/api/v1/intel/export?id=${extra('relationship')(h)}&dependencies=true`,
    ),
    markerProbe({ name: 'imports', kind: 'list', route: 'GET /api/v1/intel/imports', rule: rules.ownOrg }, () => '/api/v1/intel/imports?limit=200'),
    statusProbe({ name: 'import report', kind: 'read', route: 'GET /api/v1/intel/imports/{id}', rule: rules.ownOrg }, (_w, h) => `/api/v1/intel/imports/${extra('importId')(h)}`),
  ],
});
