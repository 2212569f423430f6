// The sensing module as others see it: createSensing wires the ingest (normalize, bounded queue), the
// writer (batches into the partitioned events table), the bus (committed batches to subscribers), the
// per-source counters and their metrics, and retention.
import type { Registry } from 'prom-client';
import type { Logger } from '../../platform/logger.js';
import type { Database } from '../../storage/index.js';
import { createAssetResolver, type AssetResolver } from './asset-resolver.js';
import { createEventBus } from './event-bus.js';
import { startEventWriter, type RunningWriter, type WriterOptions } from './events-writer.js';
import { createEventIngest, type SensingIngest } from './ingest.js';
import { createMemoryQueue, type IngestQueue } from './ingest-queue.js';
import { registerSensingMetrics } from './metrics.js';
import { applyRetention, startRetention, type RetentionResult } from './retention.js';
import { emitPendingCaptureEvents } from './capture-events.js';
import { createSourceCounters, type SourceCounterRegistry } from './source-counters.js';
import type { EventBus, SensedEvent } from './types.js';

export * from './types.js';
export { canonicalJson, eventId, isValidEventId } from './event-id.js';
export { hotColumns, inetOrNull, normalizeDrafts, normalizeTime, type NormalizeRefusal } from './normalize.js';
export { createMemoryQueue, type IngestQueue, type PublishResult, type QueuedBatch } from './ingest-queue.js';
export { createEventIngest, type SensingIngest } from './ingest.js';
export { createEventWriter, createPartitions, eventColumns, eventsCopyText, listPartitionDays, partitionName, type EventWriter } from './events.store.js';
export { startEventWriter, type RunningWriter, type WriterOptions } from './events-writer.js';
export { createEventBus } from './event-bus.js';
export { createAssetResolver, type AssetResolver, type OrgSnapshot } from './asset-resolver.js';
export { createSourceCounters, type SourceCounterRegistry, type SourceRef, type CounterName } from './source-counters.js';
export { applyRetention, setOrgRetention, orgRetentions, type RetentionPolicy, type RetentionResult } from './retention.js';

export interface SensingOptions {
  readonly logger?: Logger | undefined;
  /** Most events held between the ingest and the writer (in-process queue). Default 20,000 (two batches: memory stays near 300 MB whatever passes through; bench/README.md). */
  readonly queueCapacity?: number;
  /** Another queue (the NATS JetStream adapter); default: the bounded in-process queue. */
  readonly queue?: IngestQueue;
  /**
   * Whether this process writes what the queue holds. Default true; a server that only publishes to
   * NATS (workers write) says false.
   */
  readonly writer?: boolean;
  readonly writerOptions?: WriterOptions;
  /** BULWARK_EVENT_RETENTION_DAYS. Default 90. */
  readonly retentionDays?: number;
  /** Where the metrics go (services' registry); none: not registered. */
  readonly metrics?: Registry | undefined;
  /** Asset snapshot lifetime. Default 30 s. */
  readonly assetTtlMs?: number;
}

export interface Sensing {
  readonly ingest: SensingIngest;
  readonly bus: EventBus;
  readonly counters: SourceCounterRegistry;
  readonly queue: IngestQueue;
  readonly assets: AssetResolver;
  /** Days events are kept for organisations without their own retention (BULWARK_EVENT_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Drops old events now (the server also runs it on a timer: startRetention). */
  applyRetention(nowMs?: number): Promise<RetentionResult>;
  /** Runs retention now and hourly until close. */
  startRetention(intervalMs?: number): void;
  /**
   * Stores finished capture jobs' operations as events in the background, a chunk at a time, until
   * close (capture-events.ts): checks every `intervalMs` (default 2 s) and catches up on what waits.
   */
  startCaptureEvents(intervalMs?: number): void;
  /** Stops taking events, writes what is queued, stops the writer and the retention timer. */
  close(): Promise<void>;
}

/**
 * The writer starts on the first offer, so processes that never ingest (most CLI commands) create
 * nothing in the database and keep no timers.
 */
export function createSensing(database: Database, options: SensingOptions = {}): Sensing {
  const logger = options.logger;
  const queue = options.queue ?? createMemoryQueue({ capacity: options.queueCapacity ?? 20_000 });
  const counters = createSourceCounters();
  const bus = createEventBus(logger);
  const assets = createAssetResolver(database.db, options.assetTtlMs === undefined ? {} : { ttlMs: options.assetTtlMs });
  const metrics = options.metrics === undefined ? undefined : registerSensingMetrics(options.metrics, counters, queue);
  const retentionDays = options.retentionDays ?? 90;
  let writer: Promise<RunningWriter> | undefined;
  let retention: { stop(): Promise<void> } | undefined;
  let captureEvents: { stop(): Promise<void> } | undefined;
  let closed = false;

  function ensureWriter(): void {
    if (writer !== undefined || options.writer === false || closed) return;
    writer = startEventWriter(
      {
        database,
        queue,
        assets,
        counters,
        bus,
        logger,
        onCommit: (events, _stored, ms) => metrics?.observeWrite(events, ms),
      },
      { publishNew: () => bus.subscribers() > 0, ...options.writerOptions },
    );
    writer.catch((error: unknown) => logger?.error({ err: error }, 'event writer did not start'));
  }

  const inner = createEventIngest({ queue, assets, counters, trackPending: options.writer !== false });
  const ingest: SensingIngest = {
    offerDetailed(context, drafts) {
      ensureWriter();
      return inner.offerDetailed(context, drafts);
    },
    offer(context, drafts) {
      ensureWriter();
      return inner.offer(context, drafts);
    },
    flush: () => inner.flush(),
  };

  const retain = (nowMs?: number): Promise<RetentionResult> => applyRetention(database, { defaultDays: retentionDays }, nowMs);
  return {
    ingest,
    bus,
    counters,
    queue,
    assets,
    retentionDays,
    applyRetention: retain,
    startRetention(intervalMs) {
      if (retention !== undefined || closed) return;
      retention = startRetention(
        async () => {
          const result = await retain();
          if (result.droppedDays.length > 0 || result.deletedRows > 0) logger?.info(result, 'event retention applied');
        },
        (error) => logger?.error({ err: error }, 'event retention failed'),
        intervalMs,
      );
    },
    startCaptureEvents(intervalMs = 2_000) {
      if (captureEvents !== undefined || closed) return;
      captureEvents = startRetention(
        async () => {
          // one chunk per turn of the loop, so close() waits for at most one chunk
          const publish = bus.subscribers() > 0 ? (events: readonly SensedEvent[]) => bus.publish(events) : undefined;
          while (!closed && (await emitPendingCaptureEvents(database, undefined, publish)) > 0) await new Promise((r) => setImmediate(r));
        },
        (error) => logger?.error({ err: error }, 'storing capture operations as events failed'),
        intervalMs,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await captureEvents?.stop();
      await retention?.stop();
      await queue.close();
      if (writer !== undefined) await (await writer).stop();
      metrics?.close();
    },
  };
}
export { emitAllPendingCaptureEvents, emitCaptureOperationEvents, emitPendingCaptureEvents, type CaptureJobRef } from './capture-events.js';
