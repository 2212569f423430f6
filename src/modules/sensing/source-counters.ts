// What each source did since this process started: received, stored, dropped (refused because the
// pipeline was full, or dropped by the input itself, e.g. UDP), rejected (not an event). For /metrics and
// the Sources page; listeners that drop before the ingest count here too.
import type { SourceCounters, SourceType } from './types.js';

export interface SourceRef {
  readonly type: SourceType;
  readonly id: string;
  readonly name: string;
}

export type CounterName = 'received' | 'stored' | 'dropped' | 'rejected';

export interface SourceCounterRegistry {
  add(source: SourceRef, counter: CounterName, n: number): void;
  /** Every source seen, in the contract's shape. */
  list(): SourceCounters[];
  get(sourceId: string): SourceCounters | undefined;
  /** Called after every change (metrics mirror the counters this way). */
  onChange(listener: (source: SourceRef, counter: CounterName, n: number) => void): () => void;
}

interface Mutable {
  source: SourceRef;
  received: number;
  stored: number;
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
    dropped: m.dropped,
    rejected: m.rejected,
    lastEventAt: m.lastEventAt,
  });
  return {
    add(source, counter, n) {
      if (n <= 0) return;
      let m = bySource.get(source.id);
      if (m === undefined) {
        m = { source, received: 0, stored: 0, dropped: 0, rejected: 0, lastEventAt: null };
        bySource.set(source.id, m);
      }
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
