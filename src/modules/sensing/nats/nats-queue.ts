// The ingest queue on NATS JetStream (BULWARK_NATS_URL): the ingest publishes each normalized event to
// `<prefix>.<org>.<kind>` in one stream, with the event's id as Nats-Msg-Id so a resend within the
// dedupe window is dropped by the broker; `bulwark worker` processes (and a server that writes) share one
// durable pull consumer, write in batches and acknowledge after commit. Delivery is at least once (an
// unacknowledged batch comes back after `ackWaitMs`, to this worker or another); writes are idempotent by
// event id, so a redelivered event is never stored twice.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../../platform/logger.js';
import type { IngestQueue, PublishResult, QueuedBatch } from '../ingest-queue.js';
import type { SensedEvent } from '../types.js';

export interface NatsQueueOptions {
  /** nats://host:port (BULWARK_NATS_URL). */
  readonly url: string;
  /** Stream name (BULWARK_NATS_STREAM). Default BULWARK_EVENTS. */
  readonly stream?: string;
  /** Subjects are `<prefix>.<org>.<kind>`. Default bulwark.events. */
  readonly subjectPrefix?: string;
  /** The writers' shared durable consumer. Default bulwark-writer. */
  readonly durable?: string;
  /** A message not acknowledged this long after delivery is delivered again. Default 30 s. */
  readonly ackWaitMs?: number;
  /** Resends of the same event id within this window are dropped by the broker. Default 2 min. */
  readonly duplicateWindowMs?: number;
  /** Events older than this leave the stream (acknowledged or not). Default 7 days. */
  readonly maxAgeMs?: number;
  /** Retry hint when the broker does not take a batch. Default 500 ms. */
  readonly retryAfterMs?: number;
  readonly logger?: Logger | undefined;
}

export interface NatsQueue extends IngestQueue {
  readonly stream: string;
  readonly connection: NatsConnection;
  /** Removes the stream and its consumer (tests, and operators starting over). */
  deleteStream(): Promise<void>;
}

/** Subject tokens may not hold `.`, `*`, `>` or white space. */
const token = (s: string): string => s.replace(/[^\w-]/g, '_');

export async function createNatsQueue(options: NatsQueueOptions): Promise<NatsQueue> {
  const stream = options.stream ?? 'BULWARK_EVENTS';
  const prefix = options.subjectPrefix ?? 'bulwark.events';
  const durable = options.durable ?? 'bulwark-writer';
  const retryAfterMs = options.retryAfterMs ?? 500;
  const logger = options.logger;
  // Reconnect for ever: a broker restart is an outage to wait out, not an end.
  const nc = await connect({ servers: options.url, name: 'bulwark', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const js: JetStreamClient = jetstream(nc);
  await ensureStream(jsm, stream, prefix, options);
  await ensureConsumer(jsm, stream, durable, options.ackWaitMs ?? 30_000);
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'disconnect' || s.type === 'reconnect') logger?.warn({ status: s.type }, 'NATS connection');
  })();

  let closed = false;
  let lastPublishedSeq = 0;
  let outstanding = 0;
  let cached = { depth: 0, lagMs: 0, at: 0 };

  async function refresh(): Promise<void> {
    const info = await jsm.consumers.info(stream, durable);
    const depth = info.num_pending + info.num_ack_pending;
    let lagMs = 0;
    if (depth > 0) {
      const oldest = await jsm.streams.getMessage(stream, { seq: info.ack_floor.stream_seq + 1 }).catch(() => null);
      if (oldest !== null) lagMs = Math.max(0, Date.now() - oldest.time.getTime());
    }
    cached = { depth, lagMs, at: Date.now() };
  }
  const refreshSoon = () => {
    if (Date.now() - cached.at < 1000 || closed) return;
    cached = { ...cached, at: Date.now() };
    refresh().catch((error: unknown) => logger?.debug({ err: error }, 'NATS consumer info'));
  };

  const queue: NatsQueue = {
    stream,
    connection: nc,
    async publish(events): Promise<PublishResult> {
      if (closed) return { ok: false, retryAfterMs };
      if (events.length === 0) return { ok: true };
      const acks = await Promise.allSettled(
        events.map((e) =>
          js.publish(`${prefix}.${token(e.orgId)}.${token(e.kind)}`, JSON.stringify(e), {
            // qualified by organisation: ids a source names itself are unique within the organisation only
            msgID: `${e.orgId}:${e.id}`,
            timeout: 5000,
          }),
        ),
      );
      let failed = 0;
      for (const a of acks) {
        if (a.status === 'fulfilled') lastPublishedSeq = Math.max(lastPublishedSeq, a.value.seq);
        else failed++;
      }
      if (failed === 0) return { ok: true };
      // Some went, some not: the caller sends all again; the broker drops the repeats (same Nats-Msg-Id).
      logger?.warn({ failed, of: events.length }, 'NATS did not take every event');
      return { ok: false, retryAfterMs };
    },

    async consume(max, waitMs): Promise<QueuedBatch | null> {
      if (closed) return null;
      const messages: JsMsg[] = [];
      try {
        const consumer = await js.consumers.get(stream, durable);
        const fetched = await consumer.fetch({ max_messages: Math.max(1, max), expires: Math.max(1000, waitMs) });
        for await (const m of fetched) messages.push(m);
      } catch (error) {
        // broker away or restarting: the client reconnects; hand back what came, if anything
        logger?.debug({ err: error }, 'NATS fetch');
        if (messages.length === 0) await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(100, waitMs))));
      }
      const events: SensedEvent[] = [];
      // One fetch can hold a message twice when its wait outlasts the ack wait: write it once, ack both.
      const seen = new Set<number>();
      for (const m of messages) {
        if (seen.has(m.seq)) continue;
        seen.add(m.seq);
        try {
          events.push(m.json<SensedEvent>());
        } catch {
          m.term(); // not an event: never deliver it again
        }
      }
      // an empty batch has nothing to acknowledge: closing need not wait for it
      let settled = messages.length === 0;
      if (!settled) outstanding++;
      const settle = async (how: (m: JsMsg) => void) => {
        if (settled) return;
        settled = true;
        outstanding--;
        for (const m of messages) how(m);
        await nc.flush().catch(() => undefined);
      };
      return {
        events,
        ack: () => settle((m) => m.ack()),
        release: () => settle((m) => m.nak()),
      };
    },

    async drained() {
      const target = lastPublishedSeq;
      if (target === 0) return;
      for (;;) {
        const info = await jsm.consumers.info(stream, durable).catch(() => undefined);
        if (info !== undefined && info.ack_floor.stream_seq >= target) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    depth() {
      refreshSoon();
      return cached.depth;
    },
    lagMs() {
      refreshSoon();
      return cached.lagMs;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Batches being written still acknowledge on this connection.
      const until = Date.now() + 10_000;
      while (outstanding > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await nc.drain().catch(() => undefined);
    },
    async deleteStream() {
      await jsm.streams.delete(stream).catch(() => undefined);
    },
  };
  return queue;
}

async function ensureStream(jsm: JetStreamManager, stream: string, prefix: string, options: NatsQueueOptions): Promise<void> {
  const config = {
    name: stream,
    subjects: [`${prefix}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    max_age: nanos(options.maxAgeMs ?? 7 * 86_400_000),
  };
  try {
    await jsm.streams.info(stream);
    await jsm.streams.update(stream, config);
  } catch {
    await jsm.streams.add(config);
  }
}

async function ensureConsumer(jsm: JetStreamManager, stream: string, durable: string, ackWaitMs: number): Promise<void> {
  const settings = { ack_wait: nanos(ackWaitMs), max_ack_pending: 100_000 };
  try {
    await jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, max_deliver: -1, ...settings });
  } catch {
    // it exists with other settings (another worker's ack wait): take this process's
    await jsm.consumers.update(stream, durable, settings);
  }
}

