import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { createAssetResolver, createEventBus, createMemoryQueue, createSourceCounters, normalizeDrafts, startEventWriter } from './index.js';
import { context, createOrgs, drafts } from './test-support.js';

describe.each(backends)('the event writer on %s', (backend) => {
  let database: TestDatabase;
  let orgs: Awaited<ReturnType<typeof createOrgs>>;

  beforeEach(async () => {
    database = await createTestDatabase(backend);
    orgs = await createOrgs(database);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('stores the rest of a batch when one event cannot be stored, and counts that one as rejected', async () => {
    const queue = createMemoryQueue({ capacity: 100 });
    const counters = createSourceCounters();
    const bus = createEventBus();
    const published: string[] = [];
    bus.subscribe((events) => published.push(...events.map((e) => e.message)));
    const writer = await startEventWriter({ database, queue, assets: createAssetResolver(database.db), counters, bus }, { maxWaitMs: 5, attempts: 1 });
    const good = normalizeDrafts(context(orgs.child), drafts(7), undefined, Date.now()).events;
    // an organisation that does not exist (deleted between offer and write): the table refuses it
    const [orphan] = normalizeDrafts(context('gone-org', 'src-2'), drafts(1, '2026-12-07T09:00:00Z'), undefined, Date.now()).events;
    await queue.publish([...good.slice(0, 3), orphan!, ...good.slice(3)]);
    await queue.drained();
    await queue.close();
    await writer.stop();
    const rows = await database.db.selectFrom('events').select('message').orderBy('time').execute();
    expect(rows.map((r) => r.message)).toEqual(good.map((e) => e.message));
    expect(published.sort()).toEqual(good.map((e) => e.message).sort());
    expect(counters.get('src-1')).toMatchObject({ stored: 7, rejected: 0 });
    expect(counters.get('src-2')).toMatchObject({ stored: 0, rejected: 1 });
    // the writer dropped its staging table on stop
    const staging = await sql`select tablename from pg_tables where schemaname = current_schema() and tablename like 'events_staging_%'`.execute(database.db);
    expect(staging.rows).toEqual([]);
  });

  it('drops staging tables an ended process left behind on PGlite, and never a live writer’s', async () => {
    await sql`create unlogged table events_staging_deadbeef0001 (like events)`.execute(database.db);
    const queue = createMemoryQueue({ capacity: 10 });
    const deps = { database, queue, assets: createAssetResolver(database.db), counters: createSourceCounters(), bus: createEventBus() };
    const first = await startEventWriter(deps, { maxWaitMs: 5 });
    const second = await startEventWriter(deps, { maxWaitMs: 5 });
    const names = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema() and tablename like 'events_staging_%'`.execute(database.db);
    // PGlite: the left-over table is gone and both live writers keep theirs; PostgreSQL: nothing is dropped
    expect(names.rows.some((r) => r.tablename === 'events_staging_deadbeef0001')).toBe(backend === 'postgres');
    expect(names.rows.length).toBe(backend === 'postgres' ? 3 : 2);
    await queue.close();
    await first.stop();
    await second.stop();
  });

  it('runs several writers on one queue, each with its own staging table, storing every event once', async () => {
    const queue = createMemoryQueue({ capacity: 10_000 });
    const counters = createSourceCounters();
    const writer = await startEventWriter({ database, queue, assets: createAssetResolver(database.db), counters, bus: createEventBus() }, { maxWaitMs: 5, batchSize: 250, concurrency: 3 });
    const events = normalizeDrafts(context(orgs.child), drafts(3000), undefined, Date.now()).events;
    for (let i = 0; i < events.length; i += 500) await queue.publish(events.slice(i, i + 500));
    // and again: the second copy is skipped by the primary key, whichever writer takes it
    for (let i = 0; i < events.length; i += 700) await queue.publish(events.slice(i, i + 700));
    await queue.drained();
    await queue.close();
    await writer.stop();
    const n = await database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3000);
    expect(counters.get('src-1')?.stored).toBe(3000);
  });
});
