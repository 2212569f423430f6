import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../platform/access.js';
import { systemActor } from '../platform/access.js';
import { createServices, type Services } from '../services.js';
import { createTestDatabase, type TestDatabase } from '../storage/test-backends.js';
import { demoCollection, seedDemoIntel } from './demo-intel.js';

describe('the demo intelligence', () => {
  let database: TestDatabase;
  let services: Services;
  let orgs: { national: string; province: string; water: string; chem: string };
  const op = systemActor('test');
  const person = (orgId: string, role: Actor['role']): Actor => ({ kind: 'user', userId: `u-${orgId}-${role}`, username: `${role}@${orgId}`, orgId, orgPath: '', role });

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    services = createServices(database);
    const national = await services.orgs.create(op, { name: 'N', level: 'national', parentId: null });
    const province = await services.orgs.create(op, { name: 'P', level: 'provincial', parentId: national.id });
    const water = await services.orgs.create(op, { name: 'W', level: 'enterprise', parentId: province.id });
    const chem = await services.orgs.create(op, { name: 'C', level: 'enterprise', parentId: province.id });
    orgs = { national: national.id, province: province.id, water: water.id, chem: chem.id };
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('is valid STIX, stored once, shared upward and published in a collection below the national centre', async () => {
    const stored = await seedDemoIntel(services, op, orgs);
    expect(stored).toBeGreaterThanOrEqual(15);
    expect(await seedDemoIntel(services, op, orgs)).toBe(0);
    const imports = await services.intel.listImports(op);
    expect(imports.map((i) => [i.status, i.invalid, i.issues.length])).toEqual([['complete', 0, 0], ['complete', 0, 0], ['complete', 0, 0], ['complete', 0, 0]]);

    // The national analyst sees the alert and Riverside's sighting (shared upward, TLP:AMBER).
    const nationalAnalyst = { ...person(orgs.national, 'analyst'), orgPath: (await services.orgs.resolve(op, 'N')).path };
    const sightings = await services.intel.list(nationalAnalyst, { type: 'sighting' });
    expect(sightings.items.map((s) => s.orgId)).toEqual([orgs.water]);
    const report = (await services.intel.list(nationalAnalyst, { type: 'report' })).items[0];
    const detail = await services.intel.get(nationalAnalyst, report?.id ?? '');
    expect((detail.object['object_refs'] as string[]).length).toBeGreaterThan(10);
    // Northgate sees neither; it reads the national collection's TLP:GREEN ICS indicators over TAXII.
    const chemViewer = { ...person(orgs.chem, 'viewer'), orgPath: (await services.orgs.resolve(op, 'C')).path };
    expect((await services.intel.list(chemViewer, {})).items).toEqual([]);
    const collection = (await services.taxii.collections(chemViewer)).find((c) => c.collection.alias === demoCollection.alias);
    expect(collection?.canRead).toBe(true);
    const page = JSON.parse((await services.taxii.objects(chemViewer, demoCollection.alias, {})).body) as { objects: { type: string }[] };
    expect(page.objects.map((o) => o.type)).toEqual(['indicator', 'indicator', 'indicator', 'indicator']);
  });
});
