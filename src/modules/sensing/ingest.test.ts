import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { backends, createTestDatabase, type TestDatabase } from '../../storage/test-backends.js';
import { createSensing, listPartitionDays, type Sensing, type SensedEvent } from './index.js';
import { addAsset, context, createOrgs, drafts } from './test-support.js';

describe.each(backends)('event ingest on %s', (backend) => {
  let database: TestDatabase;
  let sensing: Sensing;
  let orgs: Awaited<ReturnType<typeof createOrgs>>;

  beforeEach(async () => {
    database = await createTestDatabase(backend);
    orgs = await createOrgs(database);
    sensing = createSensing(database, { queueCapacity: 1000, writerOptions: { batchSize: 300, maxWaitMs: 5 } });
  });
  afterEach(async () => {
    await sensing.close();
    await database.dispose();
  });

  const count = async (): Promise<number> => {
    const r = await database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  };

  it('stores a batch once, however often it is sent', async () => {
    const batch = drafts(500);
    expect(await sensing.ingest.offer(context(orgs.child), batch)).toEqual({ accepted: true, events: 500 });
    await sensing.ingest.flush();
    expect(await count()).toBe(500);
    // the same content again (a sensor resending after an outage), and an id the source named itself twice
    await sensing.ingest.offer(context(orgs.child), batch);
    await sensing.ingest.offer(context(orgs.child), [{ ...batch[0]!, id: 'own-1' }, { ...batch[0]!, id: 'own-1' }]);
    await sensing.ingest.flush();
    expect(await count()).toBe(501);
    const c = sensing.counters.get('src-1');
    expect(c).toMatchObject({ received: 1002, stored: 501, dropped: 0, rejected: 0 });
    expect(c?.lastEventAt).not.toBeNull();
    expect(sensing.counters.pending()).toEqual([expect.objectContaining({ depth: 0, oldestAt: null })]);
    // the same content in another organisation is another event
    await sensing.ingest.offer(context(orgs.other), batch.slice(0, 10));
    await sensing.ingest.flush();
    expect(await count()).toBe(511);
  });

  it('creates the day partitions a batch needs, and rows land in their day', async () => {
    const days = ['2026-12-05T23:59:59.999999Z', '2026-12-06T00:00:00Z', '2026-12-07T12:00:00+08:00', '2026-12-07T23:00:00-02:00'];
    const batch = days.map((time, i) => ({ ...drafts(1)[0]!, time, message: `day ${i}` }));
    await sensing.ingest.offer(context(orgs.child), batch);
    await sensing.ingest.flush();
    expect(await listPartitionDays(database)).toEqual(['2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08']);
    const rows = await sql<{ part: string; n: string }>`select tableoid::regclass::text as part, count(*) as n from events group by 1 order by 1`.execute(database.db);
    expect(rows.rows.map((r) => [r.part, Number(r.n)])).toEqual([
      ['events_p20261205', 1],
      ['events_p20261206', 1],
      ['events_p20261207', 1],
      ['events_p20261208', 1],
    ]);
    // microseconds survive
    const first = await database.db.selectFrom('events').select(sql<string>`to_char(time at time zone 'UTC', 'HH24:MI:SS.US')`.as('t')).where('message', '=', 'day 0').executeTakeFirstOrThrow();
    expect(first.t).toBe('23:59:59.999999');
  });

  it('refuses when the queue is full, counts the refusal (not a drop: the input retries), and takes events again once drained', async () => {
    // no writer yet: the queue fills (writer option off through a second sensing on the same database)
    const stalled = createSensing(database, { queueCapacity: 100, writer: false });
    const before = Date.now();
    expect(await stalled.ingest.offer(context(orgs.child, 'udp'), drafts(80))).toEqual({ accepted: true, events: 80 });
    const refused = await stalled.ingest.offer(context(orgs.child, 'udp'), drafts(30, '2026-12-07T11:00:00Z'));
    expect(refused).toMatchObject({ accepted: false, reason: 'saturated' });
    expect(refused.accepted === false && refused.retryAfterMs).toBeGreaterThan(0);
    expect(stalled.counters.get('udp')).toMatchObject({ received: 80, refused: 30, dropped: 0, stored: 0 });
    expect(stalled.queue.depth()).toBe(80);
    // a process that only publishes (workers write) does not claim per-source depth it cannot see go down
    expect(stalled.counters.pending()).toEqual([expect.objectContaining({ depth: 0 })]);
    await stalled.close();
    // with its own writer, a source's waiting events and their age are known
    const paused = createSensing(database, { queueCapacity: 100, writerOptions: { maxWaitMs: 5, batchSize: 10 } });
    await paused.ingest.offer(context(orgs.child, 'tcp'), drafts(20));
    const [waiting] = paused.counters.pending();
    expect(waiting?.depth).toBeGreaterThan(0);
    expect(waiting?.oldestAt).toBeGreaterThanOrEqual(before);
    await paused.ingest.flush();
    expect(paused.counters.pending()).toEqual([expect.objectContaining({ depth: 0, oldestAt: null })]);
    await paused.close();
  });

  it('publishes committed events to subscribers, new ones only, after they are queryable', async () => {
    const seen: SensedEvent[][] = [];
    const counts: number[] = [];
    sensing.bus.subscribe((events) => {
      seen.push([...events]);
      counts.push(events.length);
    });
    // a subscriber that throws does not stop the others
    sensing.bus.subscribe(() => {
      throw new Error('broken subscriber');
    });
    let storedWhenSeen = -1;
    sensing.bus.subscribe(() => {
      void count().then((n) => {
        storedWhenSeen = Math.max(storedWhenSeen, n);
      });
    });
    await sensing.ingest.offer(context(orgs.child), drafts(50));
    await sensing.ingest.flush();
    await sensing.ingest.offer(context(orgs.child), drafts(60));
    await sensing.ingest.flush();
    expect(seen.flat().length).toBe(60);
    expect(new Set(seen.flat().map((e) => e.id)).size).toBe(60);
    expect(storedWhenSeen).toBeGreaterThanOrEqual(50);
  });

  it('resolves source and destination to the organisation’s assets by IP, then MAC', async () => {
    await addAsset(database, orgs.child, 'asset-plc', { ip: '10.20.1.9' });
    await addAsset(database, orgs.child, 'asset-hmi', { mac: '00:1D:9C:C7:B0:70' });
    await addAsset(database, orgs.other, 'asset-elsewhere', { ip: '10.20.1.5' });
    const [d] = drafts(1);
    await sensing.ingest.offer(context(orgs.child), [
      { ...d!, fields: { source: { ip: '10.20.1.5', mac: '00-1d-9c-c7-b0-70' }, destination: { ip: '10.20.1.9', port: 502 }, ics: { protocol: 'modbus', operation: 'write' } } },
    ]);
    await sensing.ingest.flush();
    const row = await database.db.selectFrom('events').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source_asset_id: 'asset-hmi', destination_asset_id: 'asset-plc', protocol: 'modbus', action: 'write', destination_port: 502 });
    expect(row.source_ip).toBe('10.20.1.5');
    const org = await database.db.selectFrom('organisations').select('path').where('id', '=', orgs.child).executeTakeFirstOrThrow();
    expect(row.org_path).toBe(org.path);
  });

  it('refuses drafts that cannot be stored, keeps the rest, and says which', async () => {
    const [d] = drafts(1);
    const result = await sensing.ingest.offerDetailed(context(orgs.child), [
      d!,
      { ...d!, time: 'yesterday' },
      { ...d!, kind: 'gossip' as never, message: 'x' },
      { ...d!, id: 'has space', message: 'y' },
      { ...d!, message: 'nul \u0000 and lone \ud800 surrogate', fields: { labels: { note: 'bad \u0000' }, source: { ip: 'not-an-ip' } } },
    ]);
    expect(result).toMatchObject({ accepted: true, events: 2 });
    expect(result.refused.map((r) => [r.index, r.path])).toEqual([
      [1, 'time'],
      [2, 'kind'],
      [3, 'id'],
    ]);
    await sensing.ingest.flush();
    expect(await count()).toBe(2);
    expect(sensing.counters.get('src-1')).toMatchObject({ received: 5, rejected: 3, stored: 2 });
    const unknown = await sensing.ingest.offerDetailed(context('no-such-org'), [d!]);
    expect(unknown).toMatchObject({ accepted: true, events: 0 });
    expect(unknown.refused[0]?.path).toBe('orgId');
  });
});
