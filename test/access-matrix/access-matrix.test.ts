import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../../src/storage/test-backends.js';
import { createWorld, type World } from '../support/fixture.js';
import { callers, settingName, UnexpectedResponse, type Caller, type Handle, type Outcome, type ResourceFamily, type Setting } from './family.js';
import { allRoutes, families, nonResourceRoutes } from './registry.js';

// The access matrix (issue 9): every registered resource family, created by E1 at every marking it
// takes, probed on every read, list, count, facet, search, export, graph and write path by the
// owner's members, a sibling, the parents, the grandparent and an anonymous caller.
const uploadLimit = 256 * 1024;
const totals = { cells: 0, failures: 0 };
// A family makes hundreds of requests; on a busy two-core machine PGlite takes a while over them.
const familyTimeout = 300_000;

afterAll(() => {
  console.log(JSON.stringify({ bench: 'access-matrix', cells: totals.cells, failures: totals.failures }));
});

async function matrix(w: World, family: ResourceFamily, settings: readonly Setting[]): Promise<string[]> {
  const failures: string[] = [];
  // Destructive probes go last, so that a wrongly allowed delete spoils nothing else.
  const probes = [...family.probes].sort((a, b) => Number(a.destructive ?? false) - Number(b.destructive ?? false));
  for (const setting of settings) {
    const handle = await family.create(w, setting);
    for (const probe of probes) {
      // Callers ask at once (a server backend answers them in parallel), except where one may destroy the object.
      const ask = async (caller: Caller): Promise<void> => {
        const expected: Outcome = probe.rule(caller, setting) ? 'visible' : 'hidden';
        const target: Handle = probe.destructive === true && expected === 'visible' ? await family.create(w, setting) : handle;
        const person = caller.person === null ? null : w.people[caller.person];
        let got: string;
        try {
          got = await probe.run(w, person, target);
        } catch (error) {
          if (!(error instanceof UnexpectedResponse)) throw error;
          got = error.message;
        }
        totals.cells += 1;
        if (got !== expected) {
          totals.failures += 1;
          failures.push(`${family.name} · ${settingName(setting, family)} · ${probe.name} (${probe.route}) · ${caller.name}: expected ${expected}, got ${got}`);
        }
      };
      if (probe.destructive === true || probe.sequential === true) for (const caller of callers) await ask(caller);
      else await Promise.all(callers.map(ask));
    }
  }
  return failures.sort();
}

describe.each(backends)('access matrix on %s', (backend) => {
  let w: World;
  beforeAll(async () => {
    // Feeds point at 127.0.0.1 (nothing listens): an operator who allows private addresses.
    w = await createWorld(backend, { uploadLimit, captureLimit: 4 * 1024 * 1024, allowPrivateUrls: true });
  });
  afterAll(async () => {
    await w.close();
  });

  it('has a family for every route that holds an organisation’s resource', async () => {
    const routes = await allRoutes(w, uploadLimit);
    const claimed = new Set(families.flatMap((f) => [...f.routes, ...f.probes.map((p) => p.route)]));
    const unclaimed = [...routes].filter((r) => !claimed.has(r) && nonResourceRoutes[r] === undefined).sort();
    expect(unclaimed, 'routes no family covers: add a families/*.family.ts that probes them').toEqual([]);
    const stale = [...claimed, ...Object.keys(nonResourceRoutes)].filter((r) => !routes.has(r)).sort();
    expect(stale, 'routes named here that the app no longer serves').toEqual([]);
  });

  // PostgreSQL runs the same matrix on a sample of settings, to stay within CI time: the markings
  // are decided by the same SQL on both, so the sample checks the backend, PGlite the whole matrix.
  const sample = (settings: readonly Setting[]) =>
    backend === 'pglite' ? settings : settings.filter((s) => s === settings[0] || (s.tlp === 'amber+strict' && s.sharedUpward));

  it.each(families.map((f) => [f.name, f] as const))('%s', async (_name, family) => {
    const failures = await matrix(w, family, sample(family.settings));
    expect(failures).toEqual([]);
  }, familyTimeout);
});
