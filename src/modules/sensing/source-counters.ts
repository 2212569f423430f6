// What each source did since this process started: received (taken by the ingest), stored, refused
// (offers turned away because the pipeline was full: the input retries or slows down), dropped (lost by
// the input itself, e.g. UDP past its buffer), rejected (not an event). For /metrics and the Sources page.
import type { SourceCounters, SourceType } from './types.js';

export interface SourceRef {
  readonly type: SourceType;
  readonly id: string;
  readonly name: string;
}

export type CounterName = 'received' | 'stored' | 'refused' | 'dropped' | 'rejected';

export interface SourceCounterRegistry {
  add(source: SourceRef, counter: CounterName, n: number): void;
  /** Every source seen, in the contract's shape. */
  list(): SourceCounters[];
  get(sourceId: string): SourceCounters | undefined;
  /** Called after every change (metrics mirror the counters this way). */
  onChange(listener: (source: SourceRef, counter: CounterName, n: number) => void): () => void;
  /** Events of a source entered the queue at `at` (epoch ms). */
  queued(source: SourceRef, n: number, at: number): void;
  /** Events of a source left the writer (stored, already stored, or refused by the table). */
  written(sourceId: string, n: number): void;
  /** Per source: events queued and not yet written, and when the oldest of them was queued. */
  pending(): { readonly source: SourceRef; readonly depth: number; readonly oldestAt: number | null }[];
}

interface Mutable {
  source: SourceRef;
  /** Queued runs not yet written, oldest first: [count, queued at]. The queue is first in, first out. */
  waiting: [number, number][];
  depth: number;
  received: number;
  stored: number;
  refused: number;
  dropped: number;
  rejected: number;
  lastEventAt: string | null;
}

export function createSourceCounters(now: () => Date = () => new Date()): SourceCounterRegistry {
  const bySource = new Map<string, Mutable>();
  const listeners = new Set<(source: SourceRef, counter: CounterName, n: number) => void>();
  const view = (m: Mutable): SourceCounters => ({
    sourceId: m.source.id,
    received: m.received,
    stored: m.stored,
    refused: m.refused,
    dropped: m.dropped,
    rejected: m.rejected,
    lastEventAt: m.lastEventAt,
  });
  function entry(source: SourceRef): Mutable {
    let m = bySource.get(source.id);
    if (m === undefined) {
      m = { source, waiting: [], depth: 0, received: 0, stored: 0, refused: 0, dropped: 0, rejected: 0, lastEventAt: null };
      bySource.set(source.id, m);
    }
    return m;
  }
  return {
    queued(source, n, at) {
      if (n <= 0) return;
      const m = entry(source);
      m.waiting.push([n, at]);
      m.depth += n;
    },
    written(sourceId, n) {
      const m = bySource.get(sourceId);
      if (m === undefined) return;
      let left = Math.min(n, m.depth);
      m.depth -= left;
      while (left > 0 && m.waiting.length > 0) {
        const head = m.waiting[0] as [number, number];
        const take = Math.min(head[0], left);
        head[0] -= take;
        left -= take;
        if (head[0] === 0) m.waiting.shift();
      }
    },
    pending: () => [...bySource.values()].map((m) => ({ source: m.source, depth: m.depth, oldestAt: m.waiting[0]?.[1] ?? null })),
    add(source, counter, n) {
      if (n <= 0) return;
      const m = entry(source);
      m[counter] += n;
      if (counter === 'received') m.lastEventAt = now().toISOString();
      for (const listener of listeners) listener(m.source, counter, n);
    },
    list: () => [...bySource.values()].map(view),
    get(sourceId) {
      const m = bySource.get(sourceId);
      return m === undefined ? undefined : view(m);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
