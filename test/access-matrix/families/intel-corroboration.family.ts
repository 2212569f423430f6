import { randomUUID } from 'node:crypto';
import type { Person, World } from '../../support/fixture.js';
import { byStatus, defineFamily, markedSettings, rules, uniqueMarker, type Handle } from '../family.js';
import { call, created, enc } from '../kit.js';

const bundle = (object: Record<string, unknown>) => JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: [object] });

async function hold(w: World, who: Person, object: Record<string, unknown>, query: string): Promise<void> {
  const report = created<{ stored: number }>(await call(w, who, 'POST', `/api/v1/intel/imports?${query}`, bundle(object), { 'content-type': 'application/stix+json;version=2.1' }));
  if (report.stored !== 1) throw new Error(`stored ${report.stored} of 1`);
}

/** Confidence each organisation gives its own copy; E1's copy comes from an A-rated source at 90. */
const own = 50;

// Corroboration (ADR 007): an independent voice raises the confidence shown on an object, but only a
// voice the reader may see. E2, P and N hold the same indicator as E1; each caller reads their own
// organisation's copy, whose displayed confidence may count E1's copy only if the caller may see it.
export const intelCorroboration = defineFamily({
  name: 'intelligence corroboration',
  routes: [],
  settings: markedSettings,
  async create(w, { tlp, sharedUpward }) {
    const marker = uniqueMarker('voice');
    const id = `indicator--${randomUUID()}`;
    const object = { type: 'indicator', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: marker, pattern: `[domain-name:value = '${marker}.example']`, pattern_type: 'stix', valid_from: '2026-01-01T00:00:00.000Z' };
    await hold(w, w.people.analystE1, object, `name=${marker}&tlp=${enc(tlp)}&sharedUpward=${sharedUpward}&source=${marker}&reliability=A&confidence=90`);
    // The others keep theirs to themselves, so that nothing but E1's copy can raise what they see.
    for (const who of [w.people.analystE2, w.people.analystP, w.people.adminN]) await hold(w, who, object, `name=${marker}&tlp=red&sharedUpward=false&confidence=${own}`);
    return { id, marker, extra: {} };
  },
  probes: [
    {
      name: 'displayed confidence',
      kind: 'count',
      route: 'GET /api/v1/intel/objects',
      rule: rules.read,
      run: async (w, p, h: Handle) => {
        const r = await call(w, p, 'GET', `/api/v1/intel/objects?id=${h.id}`);
        if (byStatus(r) === 'hidden' || p === null) return 'hidden';
        const items = (JSON.parse(r.body) as { items: { orgId: string; displayedConfidence: number }[] }).items;
        if (p.orgId === w.orgs.E1) return items.some((i) => i.orgId === w.orgs.E1) ? 'visible' : 'hidden';
        const mine = items.find((i) => i.orgId === p.orgId);
        if (mine === undefined) throw new Error(`${p.username} does not see their own copy`);
        return mine.displayedConfidence > own ? 'visible' : 'hidden';
      },
    },
  ],
});
