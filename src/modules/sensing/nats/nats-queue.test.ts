// The ingest queue on the real NATS JetStream server (127.0.0.1:4222), with the real writer on both
// backends: events published once per id (broker dedupe), written in batches by two writers sharing
// one durable consumer, acknowledged after commit, released batches delivered again, nothing twice.
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../../../storage/test-backends.js';
import { createAssetResolver, createEventBus, createSensing, createSourceCounters, startEventWriter, type Sensing } from '../index.js';
import { context, createOrgs, drafts } from '../test-support.js';
import { createNatsQueue, type NatsQueue } from './nats-queue.js';
import { natsUrl, takeBrokerLock, uniqueStream } from './test-support.js';

// One NATS suite at a time: workers.test.ts restarts the broker (test-support.ts).
let releaseBroker: (() => void) | undefined;
beforeAll(async () => {
  releaseBroker = await takeBrokerLock();
}, 600_000);
afterAll(() => releaseBroker?.());

describe.each(backends)('NATS JetStream ingest queue on %s', (backend) => {
  let database: TestDatabase;
  let queues: NatsQueue[];
  let sensing: Sensing | undefined;
  let names: ReturnType<typeof uniqueStream>;

  beforeEach(async () => {
    database = await createTestDatabase(backend);
    names = uniqueStream();
    queues = [];
  });
  afterEach(async () => {
    await sensing?.close();
    await queues[0]?.deleteStream();
    for (const q of queues) await q.close();
    await database.dispose();
  });

  const open = async (ackWaitMs = 30_000) => {
    const q = await createNatsQueue({ url: natsUrl, ...names, ackWaitMs });
    queues.push(q);
    return q;
  };
  /** Offers until accepted: another suite may be restarting the broker (workers.test.ts). */
  const offer = async (sensing: Sensing, ctx: ReturnType<typeof context>, batch: ReturnType<typeof drafts>) => {
    for (let i = 0; i < 100; i++) {
      const r = await sensing.ingest.offer(ctx, batch);
      if (r.accepted) return r;
      await new Promise((resolve) => setTimeout(resolve, r.retryAfterMs));
    }
    throw new Error('the broker never took the batch');
  };
  const count = async (): Promise<number> => Number((await database.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('stores every event once through the stream, however often it is sent', async () => {
    const orgs = await createOrgs(database);
    const publisher = await open();
    sensing = createSensing(database, { queue: publisher, writerOptions: { batchSize: 400, maxWaitMs: 50 } });
    // a second writer on the same durable consumer, as a second worker process would be
    const second = await open();
    let secondWrote = 0;
    const other = await startEventWriter(
      { database, queue: second, assets: createAssetResolver(database.db), counters: createSourceCounters(), bus: createEventBus(), onCommit: (n) => (secondWrote += n) },
      { batchSize: 400, maxWaitMs: 50 },
    );
    const batch = drafts(3000);
    for (let i = 0; i < batch.length; i += 500) {
      expect(await offer(sensing, context(orgs.child), batch.slice(i, i + 500))).toMatchObject({ accepted: true });
    }
    const jsm = await jetstreamManager(publisher.connection);
    const messages = (await jsm.streams.info(names.stream)).state.messages;
    expect(messages).toBe(12); // 500 events a batch, 250 a message
    // the same events again (an input resending after an outage): the broker drops them
    expect(await offer(sensing, context(orgs.child), batch.slice(0, 500))).toMatchObject({ accepted: true });
    expect((await jsm.streams.info(names.stream)).state.messages).toBe(messages);
    // resent past the dedupe window (or cut otherwise): stored once all the same
    expect(await offer(sensing, context(orgs.child), batch.slice(100, 200))).toMatchObject({ accepted: true });
    await sensing.ingest.flush();
    expect(await count()).toBe(3000);
    const info = await jsm.streams.info(names.stream);
    expect(info.state.messages).toBe(messages + 1);
    expect(info.config.subjects).toEqual([`${names.subjectPrefix}.>`]);
    expect((await jsm.streams.getMessage(names.stream, { seq: 1 }))?.subject).toBe(`${names.subjectPrefix}.${orgs.child}.log`);
    expect(secondWrote).toBeGreaterThan(0);
    expect(publisher.depth()).toBeGreaterThanOrEqual(0);
    await second.close();
    await other.stop();
  }, 60_000);

  it('delivers a released batch again, and an unacknowledged one after the ack wait', async () => {
    const orgs = await createOrgs(database);
    const q = await open(2000);
    sensing = createSensing(database, { queue: q, writer: false });
    await offer(sensing, context(orgs.child), drafts(10));
    const first = await q.consume(100, 1000);
    expect(first?.events).toHaveLength(10);
    await first?.release();
    const again = await q.consume(100, 1000);
    expect(again?.events.map((e) => e.id).sort()).toEqual(first?.events.map((e) => e.id).sort());
    // taken and never settled (a worker killed mid-batch): back after the ack wait
    let later = await q.consume(100, 1000);
    for (let i = 0; i < 5 && later?.events.length === 0; i++) later = await q.consume(100, 1000);
    expect(later?.events.map((e) => e.id).sort()).toEqual(first?.events.map((e) => e.id).sort());
    await later?.ack();
    await q.drained();
    expect((await q.consume(100, 1000))?.events).toEqual([]);
    await again?.ack(); // settled late (stale), so closing need not wait for it
  }, 30_000);
});
