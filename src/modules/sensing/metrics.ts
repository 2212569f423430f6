// The ingest pipeline's Prometheus metrics: events in, stored, refused, dropped and rejected per source (mirrored
// from the source counters as they change), queue depth and writer lag read when scraped.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { IngestQueue } from './ingest-queue.js';
import type { CounterName, SourceCounterRegistry } from './source-counters.js';

const labelNames = ['source_type', 'source_id'] as const;

export interface SensingMetrics {
  /** One committed batch: its size and how long the write took. */
  observeWrite(events: number, ms: number): void;
  /** Stops mirroring the counters. */
  close(): void;
}

export function registerSensingMetrics(registry: Registry, counters: SourceCounterRegistry, queue: IngestQueue): SensingMetrics {
  const byCounter: Record<CounterName, Counter<(typeof labelNames)[number]>> = {
    received: new Counter({ name: 'bulwark_events_in_total', help: 'Events offered to the ingest, per source', labelNames, registers: [registry] }),
    stored: new Counter({ name: 'bulwark_events_stored_total', help: 'Events stored (new; re-sent events are not counted again), per source', labelNames, registers: [registry] }),
    refused: new Counter({ name: 'bulwark_events_refused_total', help: 'Events offered while the pipeline was full and turned away (the input retries or slows down), per source', labelNames, registers: [registry] }),
    dropped: new Counter({ name: 'bulwark_events_dropped_total', help: 'Events an input lost (UDP past its buffer, a full spool), per source', labelNames, registers: [registry] }),
    rejected: new Counter({ name: 'bulwark_events_rejected_total', help: 'Events refused as not storable (bad time, kind, id), per source', labelNames, registers: [registry] }),
  };
  new Gauge({ name: 'bulwark_events_queue_depth', help: 'Events queued and not yet committed', registers: [registry], collect() { this.set(queue.depth()); } });
  new Gauge({ name: 'bulwark_events_writer_lag_seconds', help: 'Age of the oldest event not yet committed', registers: [registry], collect() { this.set(queue.lagMs() / 1000); } });
  new Gauge({
    name: 'bulwark_events_source_queue_depth',
    help: 'Events of a source queued and not yet written by this process',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of counters.pending()) this.set({ source_type: p.source.type, source_id: p.source.id }, p.depth);
    },
  });
  new Gauge({
    name: 'bulwark_events_source_lag_seconds',
    help: 'Age of the oldest event of a source not yet written (0 when none)',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      const t = Date.now();
      for (const p of counters.pending()) this.set({ source_type: p.source.type, source_id: p.source.id }, p.oldestAt === null ? 0 : Math.max(0, t - p.oldestAt) / 1000);
    },
  });
  const writes = new Histogram({
    name: 'bulwark_events_write_seconds',
    help: 'Time to write one batch (COPY and insert)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const batchSizes = new Histogram({ name: 'bulwark_events_batch_size', help: 'Events per written batch', buckets: [1, 10, 100, 1000, 5000, 10000, 50000], registers: [registry] });
  const stop = counters.onChange((source, counter, n) => {
    byCounter[counter].inc({ source_type: source.type, source_id: source.id }, n);
  });
  return {
    observeWrite(events, ms) {
      writes.observe(ms / 1000);
      batchSizes.observe(events);
    },
    close: stop,
  };
}
