import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/access.js';
import { createServices, type Services } from '../services.js';
import { createTestDatabase, type TestDatabase } from '../storage/test-backends.js';
import { seedDemo } from './bootstrap.js';
import { demoCapture } from './demo-data.js';

describe('the demo capture', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    services = createServices(database);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('is analyzed once for Riverside, with hosts, communications and operations, and never again', async () => {
    expect(await seedDemo(services)).toMatchObject({ orgs: 4, captures: 1 });
    const actor = systemActor();
    const jobs = (await services.captures.list(actor)).items;
    expect(jobs.map((j) => [j.name, j.orgName, j.status])).toEqual([[demoCapture.name, 'Riverside Water Utility (demo)', 'finished']]);
    const job = jobs[0]!;
    expect(job.summary).toMatchObject({ malformed: 0, readError: null });
    expect(job.summary?.frames).toBeGreaterThan(1000);
    const hosts = await services.captures.hosts(actor, job.id);
    expect(hosts.map((h) => h.key)).toEqual(expect.arrayContaining(['10.20.1.12', '10.20.1.20', '10.20.2.21', '10.20.2.30', '10.20.7.7']));
    expect((await services.captures.communications(actor, job.id)).length).toBeGreaterThanOrEqual(5);
    const ops = await services.captures.operations(actor, job.id, { limit: 1 });
    expect(ops.counts.operation).toMatchObject({ write: expect.any(Number), read: expect.any(Number) });

    expect(await seedDemo(services)).toEqual({ orgs: 0, assets: 0, captures: 0, intel: 0, events: 0 });
    expect((await services.captures.list(actor)).items).toHaveLength(1);
  });
});
