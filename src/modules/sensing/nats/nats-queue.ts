// The ingest queue on NATS JetStream (BULWARK_NATS_URL): the ingest publishes normalized events to
// `<prefix>.<org>.<kind>` in one stream, in messages of up to `eventsPerMessage` events of one
// organisation and kind, each with a Nats-Msg-Id derived from its events' ids, so a batch sent again
// within the dedupe window is dropped by the broker; `bulwark worker` processes (and a server that
// writes) share one durable pull consumer, write in batches and acknowledge after commit. Delivery is at
// least once (an unacknowledged message comes back after `ackWaitMs`, to this worker or another);
// writes are idempotent by event id, so a redelivered event is never stored twice.
//
// Why several events per message: one JetStream publish is one request and one acknowledgement; one per
// event held publishing to a few thousand events per second here (ADR 016).
import { createHash } from 'node:crypto';
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
  /** Events per message at most (one organisation and kind each). Default 250. */
  readonly eventsPerMessage?: number;
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
  const perMessage = Math.max(1, options.eventsPerMessage ?? 250);
  const logger = options.logger;
  // Reconnect for ever: a broker restart is an outage to wait out, not an end.
  const nc = await connect({ servers: options.url, name: 'bulwark', maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const js: JetStreamClient = jetstream(nc);
  await ensureStream(jsm, stream, prefix, options);
  await ensureConsumer(jsm, stream, durable, options.ackWaitMs ?? 30_000);
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'disconnect' || s.type === 'reconnect') logger?.warn({ status: s.type }, 'NATS connection');
  })();

  let closed = false;
  let lastPublishedSeq = 0;
  let eventsPublished = 0;
  let messagesPublished = 0;
  let outstanding = 0;
  let cached = { depth: 0, lagMs: 0, at: 0 };

  async function refresh(): Promise<void> {
    const info = await jsm.consumers.info(stream, durable);
    // messages, counted in events at the average size published (by this process, or a full message)
    const depth = Math.round((info.num_pending + info.num_ack_pending) * (messagesPublished === 0 ? perMessage : eventsPublished / messagesPublished));
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
      const messages = messagesOf(events, perMessage);
      eventsPublished += events.length;
      messagesPublished += messages.length;
      const acks = await Promise.allSettled(
        messages.map((m) =>
          js.publish(`${prefix}.${token(m.orgId)}.${token(m.kind)}`, JSON.stringify(m.events), {
            // the same events in the same order (a batch offered again) make the same message id
            msgID: m.id,
            timeout: 10_000,
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
      logger?.warn({ failed, of: acks.length }, 'NATS did not take every message');
      return { ok: false, retryAfterMs };
    },

    async consume(max, waitMs): Promise<QueuedBatch | null> {
      if (closed) return null;
      const messages: JsMsg[] = [];
      try {
        const consumer = await js.consumers.get(stream, durable);
        const fetched = await consumer.fetch({ max_messages: Math.max(1, Math.round(max / perMessage)), expires: Math.max(1000, waitMs) });
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
          events.push(...m.json<SensedEvent[]>());
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

/** Events grouped by organisation and kind, in their order, cut into messages of at most `per` events. */
function messagesOf(events: readonly SensedEvent[], per: number): { orgId: string; kind: string; id: string; events: SensedEvent[] }[] {
  const groups = new Map<string, SensedEvent[]>();
  for (const e of events) {
    const key = `${e.orgId}\u0000${e.kind}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [e]);
    else group.push(e);
  }
  const out: { orgId: string; kind: string; id: string; events: SensedEvent[] }[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += per) {
      const chunk = group.slice(i, i + per);
      const first = chunk[0] as SensedEvent;
      const hash = createHash('sha256');
      for (const e of chunk) hash.update(e.id).update('\n');
      out.push({ orgId: first.orgId, kind: first.kind, id: `${first.orgId}:${hash.digest('hex').slice(0, 32)}`, events: chunk });
    }
  }
  return out;
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

