// The queue between the ingest (many inputs offering normalized events) and the writer (batches into
// storage). Two implementations: the bounded in-process queue below (`serve` without NATS) and a NATS
// JetStream adapter (nats/), where the writer may run in another process (`bulwark worker`).
//
// Delivery is at least once: a batch is acknowledged only after its events are committed, and a batch that
// is released (or, on NATS, not acknowledged in time) comes back. Writes are idempotent by event id
// (events.store.ts), so redelivery never stores twice.
import type { SensedEvent } from './types.js';

export type PublishResult = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** A batch taken from the queue; exactly one of ack or release must be called. */
export interface QueuedBatch {
  readonly events: readonly SensedEvent[];
  /** The events are committed: forget them. */
  ack(): Promise<void>;
  /** The write failed: deliver these events again (first, on the in-process queue). */
  release(): Promise<void>;
}

export interface IngestQueue {
  /**
   * Queues all the events or none: `{ok:false}` when the queue cannot take them now (full, or the
   * broker refuses), with a hint for when to try again. Never blocks on a full queue.
   */
  publish(events: readonly SensedEvent[]): Promise<PublishResult>;
  /**
   * The next batch of at most `max` events, waiting up to `waitMs` for the first one: a partial batch
   * after the wait, an empty one when nothing came, null once the queue is closed and drained.
   */
  consume(max: number, waitMs: number): Promise<QueuedBatch | null>;
  /** Resolves when everything published before the call has been acknowledged. */
  drained(): Promise<void>;
  /** Events published and not yet acknowledged. */
  depth(): number;
  /** Age in milliseconds of the oldest event not yet acknowledged (0 when none). */
  lagMs(): number;
  /** Stops taking events; consumers get what is left, then null. */
  close(): Promise<void>;
}

export interface MemoryQueueOptions {
  /** Most events held (waiting plus being written); a publish that would pass it is refused. */
  readonly capacity: number;
  /** Retry hint given to a refused publisher. Default 200 ms. */
  readonly retryAfterMs?: number;
  readonly now?: () => number;
}

interface Chunk {
  readonly events: readonly SensedEvent[];
  readonly seq: number;
  readonly at: number;
}

/** The default queue: bounded by events held, in this process. */
export function createMemoryQueue(options: MemoryQueueOptions): IngestQueue {
  const now = options.now ?? Date.now;
  const retryAfterMs = options.retryAfterMs ?? 200;
  const waiting: Chunk[] = [];
  // Batches taken and not settled (a chunk split across batches appears in both): for lag and drained().
  const inFlight = new Set<readonly Chunk[]>();
  let held = 0;
  let nextSeq = 0;
  let closed = false;
  const wakers = new Set<() => void>();
  const drainWaiters: { readonly seq: number; readonly resolve: () => void }[] = [];

  /** The lowest sequence still held, or nextSeq when none. */
  function lowestHeld(): number {
    let low = waiting[0]?.seq ?? nextSeq;
    for (const batch of inFlight) for (const c of batch) if (c.seq < low) low = c.seq;
    return low;
  }
  function settle(): void {
    const low = lowestHeld();
    for (let i = drainWaiters.length - 1; i >= 0; i--) {
      const w = drainWaiters[i] as (typeof drainWaiters)[number];
      if (w.seq < low) {
        drainWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }
  function signal(): void {
    for (const w of [...wakers]) w();
  }
  function take(max: number): Chunk[] {
    // Whole chunks while they fit; a chunk larger than the room left is split, its tail stays first in line.
    const taken: Chunk[] = [];
    let count = 0;
    while (waiting.length > 0 && count < max) {
      const head = waiting[0] as Chunk;
      if (count + head.events.length <= max) {
        waiting.shift();
        taken.push(head);
        count += head.events.length;
      } else {
        const room = max - count;
        taken.push({ events: head.events.slice(0, room), seq: head.seq, at: head.at });
        waiting[0] = { events: head.events.slice(room), seq: head.seq, at: head.at };
        count += room;
      }
    }
    return taken;
  }

  return {
    async publish(events) {
      if (closed) return { ok: false, retryAfterMs };
      if (events.length === 0) return { ok: true };
      if (held + events.length > options.capacity) return { ok: false, retryAfterMs };
      waiting.push({ events, seq: nextSeq++, at: now() });
      held += events.length;
      signal();
      return { ok: true };
    },
    async consume(max, waitMs) {
      if (waiting.length === 0 && !closed) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            wakers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, waitMs);
          wakers.add(done);
        });
      }
      if (waiting.length === 0 && closed) return null;
      const taken = take(Math.max(1, max));
      inFlight.add(taken);
      const events = taken.length === 1 ? (taken[0] as Chunk).events : taken.flatMap((c) => c.events);
      let settled = false;
      return {
        events,
        async ack() {
          if (settled) return;
          settled = true;
          held -= events.length;
          inFlight.delete(taken);
          settle();
        },
        async release() {
          if (settled) return;
          settled = true;
          inFlight.delete(taken);
          // back at the front, in their order, still counted as held
          waiting.unshift(...taken);
          signal();
        },
      };
    },
    drained() {
      if (lowestHeld() >= nextSeq) return Promise.resolve();
      const seq = nextSeq - 1;
      return new Promise<void>((resolve) => drainWaiters.push({ seq, resolve }));
    },
    depth: () => held,
    lagMs() {
      let oldest = waiting[0]?.at;
      for (const batch of inFlight) for (const c of batch) if (oldest === undefined || c.at < oldest) oldest = c.at;
      return oldest === undefined ? 0 : Math.max(0, now() - oldest);
    },
    async close() {
      closed = true;
      signal();
    },
  };
}
