// An EventIngest that keeps what it accepts in memory and refuses while told to: the inputs' tests
// and benchmarks see exactly what a source offered, and drive its back-pressure path.
import type { EventDraft, EventIngest, IngestContext, OfferResult } from '../types.js';

export interface RecordingIngest extends EventIngest {
  readonly accepted: { readonly context: IngestContext; readonly draft: EventDraft }[];
  /** Offers answered so far, refused ones included. */
  readonly offers: number;
  /** While true every offer is refused with `retryAfterMs`. */
  refusing: boolean;
  /** Resolves once `count` events were accepted (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export function createRecordingIngest(options: { retryAfterMs?: number; keep?: boolean } = {}): RecordingIngest {
  const accepted: { context: IngestContext; draft: EventDraft }[] = [];
  let total = 0;
  let offers = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const ingest: RecordingIngest = {
    accepted,
    get offers() {
      return offers;
    },
    refusing: false,
    offer(context, drafts): Promise<OfferResult> {
      offers++;
      if (ingest.refusing) return Promise.resolve({ accepted: false, retryAfterMs: options.retryAfterMs ?? 50, reason: 'saturated' });
      // Benchmarks count without keeping: a million drafts would measure the heap, not the input.
      if (options.keep !== false) for (const draft of drafts) accepted.push({ context, draft });
      total += drafts.length;
      for (const w of waiters.filter((x) => total >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      return Promise.resolve({ accepted: true, events: drafts.length });
    },
    flush: () => Promise.resolve(),
    waitFor(count, timeoutMs = 10_000) {
      if (total >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${count} events, got ${total}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
  return ingest;
}
