import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { createSensing, listPartitionDays, setOrgRetention, type Sensing } from './index.js';
import { context, createOrgs, drafts } from './test-support.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const daysAgo = (n: number, hour = 6): string => new Date(Date.parse('2026-12-07T00:00:00Z') - n * 86_400_000 + hour * 3_600_000).toISOString();

describe.each(backends)('event retention on %s', (backend) => {
  let database: TestDatabase;
  let sensing: Sensing;
  let orgs: Awaited<ReturnType<typeof createOrgs>>;

  beforeEach(async () => {
    database = await createTestDatabase(backend);
    orgs = await createOrgs(database);
    sensing = createSensing(database, { retentionDays: 10, writerOptions: { maxWaitMs: 5 } });
  });
  afterEach(async () => {
    await sensing.close();
    await database.dispose();
  });

  const countsByOrg = async (): Promise<Record<string, number>> => {
    const rows = await database.db.selectFrom('events').select(['org_id', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('org_id').execute();
    return Object.fromEntries(rows.map((r) => [r.org_id, Number(r.n)]));
  };

  async function seed(): Promise<void> {
    // one event per org on days 1, 5, 9, 11 and 20 before NOW's day
    for (const org of [orgs.child, orgs.other, orgs.parent]) {
      for (const age of [1, 5, 9, 11, 20]) await sensing.ingest.offer(context(org), drafts(1, daysAgo(age), { message: `age ${age}` }));
    }
    await sensing.ingest.flush();
  }

  it('drops whole day partitions older than the retention', async () => {
    await seed();
    expect(await listPartitionDays(database)).toHaveLength(5);
    const result = await sensing.applyRetention(NOW);
    // day 11 and day 20 end before NOW - 10 days; day 9 does not
    expect(result.droppedDays).toEqual([daysAgo(20).slice(0, 10), daysAgo(11).slice(0, 10)]);
    expect(result.deletedRows).toBe(0);
    expect(await listPartitionDays(database)).toEqual([daysAgo(9), daysAgo(5), daysAgo(1)].map((d) => d.slice(0, 10)));
    expect(await countsByOrg()).toEqual({ [orgs.child]: 3, [orgs.other]: 3, [orgs.parent]: 3 });
    // and the writer still writes into a day it saw before retention dropped it
    await sensing.ingest.offer(context(orgs.child), drafts(1, daysAgo(11), { message: 'late arrival' }));
    await sensing.ingest.flush();
    expect((await countsByOrg())[orgs.child]).toBe(4);
  });

  it('keeps an organisation’s own retention, longer or shorter than the default', async () => {
    await seed();
    await setOrgRetention(database, orgs.child, 30); // keeps everything seeded
    await setOrgRetention(database, orgs.other, 3); // keeps day 1 only
    const result = await sensing.applyRetention(NOW);
    expect(result.droppedDays).toEqual([]); // the longest retention (30 days) keeps every partition
    expect(await countsByOrg()).toEqual({ [orgs.child]: 5, [orgs.other]: 1, [orgs.parent]: 3 });
    expect(result.deletedRows).toBe(4 + 2);
    await setOrgRetention(database, orgs.child, null);
    const again = await sensing.applyRetention(NOW);
    expect(again.droppedDays).toHaveLength(2);
    expect(await countsByOrg()).toEqual({ [orgs.child]: 3, [orgs.other]: 1, [orgs.parent]: 3 });
    await expect(setOrgRetention(database, orgs.child, 0)).rejects.toThrow(/at least 1/);
  });
});
