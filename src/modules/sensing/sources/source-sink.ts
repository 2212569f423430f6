// Between a running input and the ingest: bounded in-memory batches per organisation, flushed when a
// batch is full or after a short wait, offered one at a time so order is kept. When the ingest refuses
// (its queue is full) the batch stays and is offered again after the delay the ingest asked for; while
// that lasts, or while the buffer is near full, the sink is `saturated`: stream inputs stop reading
// (TCP back-pressure reaches the sender) and datagram inputs drop and count.
import type { EventDraft, EventIngest, IngestContext } from '../types.js';
import type { SourceRunCounters } from './types.js';

export interface SinkOptions {
  /** Events per offer. */
  readonly batchSize?: number | undefined;
  /** Longest an event waits in a partial batch. */
  readonly flushMs?: number | undefined;
  /** Events held at most (all organisations); beyond it `push` refuses. */
  readonly maxPending?: number | undefined;
  /** On close, how long the last events may take to be accepted before they are counted as dropped. */
  readonly closeMs?: number | undefined;
}

export const defaultSinkOptions = { batchSize: 1000, flushMs: 200, maxPending: 50_000, closeMs: 5000 } as const;

/** The counters an input and its sink keep; read through `snapshot`. */
export interface SourceMeter {
  received: number;
  accepted: number;
  dropped: number;
  rejected: number;
  unmatchedSenders: number;
  refusals: number;
  lastEventAt: number | null;
  lastError: string | null;
}

export function createMeter(): SourceMeter {
  return { received: 0, accepted: 0, dropped: 0, rejected: 0, unmatchedSenders: 0, refusals: 0, lastEventAt: null, lastError: null };
}

export function snapshot(meter: SourceMeter, stored: number | null = null): SourceRunCounters {
  return {
    received: meter.received,
    accepted: meter.accepted,
    stored,
    dropped: meter.dropped,
    rejected: meter.rejected,
    unmatchedSenders: meter.unmatchedSenders,
    refusals: meter.refusals,
    lastEventAt: meter.lastEventAt === null ? null : new Date(meter.lastEventAt).toISOString(),
  };
}

export interface SourceSink {
  /**
   * Queues one organisation's drafts; false (nothing queued) when the buffer cannot hold them. A stream
   * input that stops reading while saturated passes `overflow`: what it already read is kept, so the
   * buffer may pass its bound by at most one read per connection.
   */
  push(orgId: string, drafts: readonly EventDraft[], overflow?: boolean): boolean;
  /** Nothing more fits: a datagram input drops (and counts) without parsing. */
  readonly full: boolean;
  /** The ingest refuses, or the buffer is past its high-water mark: stop reading what can wait. */
  readonly saturated: boolean;
  /** Told when `saturated` changes. */
  onSaturation(listener: (saturated: boolean) => void): void;
  /** Resolves when the sink is not saturated (at once if it is not), or when it closes. */
  whenRoom(): Promise<void>;
  readonly pending: number;
  /** Offers everything held now and resolves once the ingest accepted it (or the sink closed). */
  flush(): Promise<void>;
  /** Offers what is held for up to `closeMs`; what is left is counted as dropped. */
  close(): Promise<void>;
}

export function createSourceSink(ingest: EventIngest, contextFor: (orgId: string) => IngestContext, meter: SourceMeter, options: SinkOptions = {}): SourceSink {
  const batchSize = options.batchSize ?? defaultSinkOptions.batchSize;
  const flushMs = options.flushMs ?? defaultSinkOptions.flushMs;
  const maxPending = options.maxPending ?? defaultSinkOptions.maxPending;
  const closeMs = options.closeMs ?? defaultSinkOptions.closeMs;
  const highWater = Math.max(1, Math.floor(maxPending * 0.75));
  const lowWater = Math.floor(maxPending / 2);
  const queues = new Map<string, EventDraft[]>();
  const listeners: ((saturated: boolean) => void)[] = [];
  /** Waiters released when the sink closes. */
  const closers: (() => void)[] = [];
  let pending = 0;
  let refused = false;
  let saturated = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  /** Refusals are retried until then: forever, until close gives the last events `closeMs`. */
  let deadline = Number.POSITIVE_INFINITY;
  /** Wakes a drain sleeping out a refusal (close, or flush asking for it now). */
  let wake: (() => void) | undefined;

  function update(): void {
    const next = refused || pending >= highWater || (saturated && pending > lowWater);
    if (next === saturated) return;
    saturated = next;
    for (const listener of listeners) listener(next);
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => (wake = undefined));

  async function drainAll(): Promise<void> {
    for (;;) {
      const next = [...queues.entries()].find(([, q]) => q.length > 0);
      if (next === undefined) return;
      const [orgId, queue] = next;
      const batch = queue.slice(0, batchSize);
      let result;
      try {
        result = await ingest.offer(contextFor(orgId), batch);
      } catch (error) {
        // A failing ingest (its storage or NATS down) is a refusal too: keep the batch, try again later.
        meter.lastError = (error as Error).message;
        result = { accepted: false as const, retryAfterMs: 1000, reason: 'saturated' as const };
      }
      if (result.accepted) {
        queue.splice(0, batch.length);
        if (queue.length === 0) queues.delete(orgId);
        pending -= batch.length;
        meter.accepted += batch.length;
        refused = false;
        update();
        continue;
      }
      meter.refusals++;
      refused = true;
      update();
      if (Date.now() >= deadline) return;
      await sleep(Math.min(Math.max(result.retryAfterMs, 10), Math.max(0, deadline - Date.now())));
    }
  }

  function drain(): Promise<void> {
    if (draining === undefined) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      draining = drainAll().finally(() => {
        draining = undefined;
        if (pending > 0 && !closed) schedule(0);
      });
    }
    return draining;
  }

  function schedule(ms: number): void {
    if (timer !== undefined || draining !== undefined || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, ms);
    timer.unref();
  }

  return {
    push(orgId, drafts, overflow = false) {
      if (closed || (!overflow && pending + drafts.length > maxPending)) return false;
      let queue = queues.get(orgId);
      if (queue === undefined) {
        queue = [];
        queues.set(orgId, queue);
      }
      for (const d of drafts) queue.push(d);
      pending += drafts.length;
      meter.lastEventAt = Date.now();
      update();
      schedule(queue.length >= batchSize ? 0 : flushMs);
      return true;
    },
    get saturated() {
      return saturated;
    },
    get full() {
      return pending >= maxPending;
    },
    get pending() {
      return pending;
    },
    onSaturation(listener) {
      listeners.push(listener);
    },
    whenRoom() {
      if (!saturated || closed) return Promise.resolve();
      return new Promise((resolve) => {
        const once = (now: boolean) => {
          if (now) return;
          listeners.splice(listeners.indexOf(once), 1);
          resolve();
        };
        listeners.push(once);
        closers.push(resolve);
      });
    },
    async flush() {
      while (pending > 0 && !closed) {
        wake?.();
        await drain();
      }
    },
    async close() {
      if (closed) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      deadline = Date.now() + closeMs;
      wake?.();
      await draining;
      if (pending > 0) await drain();
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const release of closers.splice(0)) release();
      meter.dropped += pending;
      pending = 0;
      queues.clear();
    },
  };
}
