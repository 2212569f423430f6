// The writer loop: drains the queue in batches bounded by size and time, writes each batch (idempotent),
// acknowledges it after commit, publishes the new events to the bus and counts them per source. A batch
// that fails is split to find the event that cannot be stored; that one is counted as rejected and logged,
// the rest are written, so one bad event never blocks a source.
import type { Database } from '../../storage/index.js';
import type { Logger } from '../../platform/logger.js';
import type { AssetResolver } from './asset-resolver.js';
import { createEventWriter, dropStaleStaging, type EventWriter } from './events.store.js';
import type { IngestQueue } from './ingest-queue.js';
import type { SourceCounterRegistry } from './source-counters.js';
import type { EventBus, SensedEvent } from './types.js';

export interface WriterOptions {
  /** Most events per write. Default 10,000. */
  readonly batchSize?: number;
  /** Longest wait for a batch to fill. Default 50 ms. */
  readonly maxWaitMs?: number;
  /** Writers running at once, each with its own staging table. Default 1. */
  readonly concurrency?: number;
  /** Attempts for a failing batch before it is split. Default 3. */
  readonly attempts?: number;
  /** Whether committed events are published with the new ones only (needs `returning`); default: when the bus has subscribers. */
  readonly publishNew?: () => boolean;
}

export interface WriterDeps {
  readonly database: Database;
  readonly queue: IngestQueue;
  readonly assets: AssetResolver;
  readonly counters: SourceCounterRegistry;
  readonly bus: EventBus;
  readonly logger?: Logger | undefined;
  /** Called after each committed batch (metrics). */
  readonly onCommit?: (events: number, stored: number, ms: number) => void;
}

export interface RunningWriter {
  /** Stops taking batches once the queue is closed and drained; resolves when the loops have ended. */
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startEventWriter(deps: WriterDeps, options: WriterOptions = {}): Promise<RunningWriter> {
  const batchSize = options.batchSize ?? 10_000;
  const maxWaitMs = options.maxWaitMs ?? 50;
  const attempts = options.attempts ?? 3;
  const publishNew = options.publishNew ?? (() => true);
  const stale = await dropStaleStaging(deps.database);
  if (stale.length > 0) deps.logger?.info({ tables: stale }, 'dropped staging tables of an earlier process');
  const writers: EventWriter[] = [];
  for (let i = 0; i < (options.concurrency ?? 1); i++) writers.push(await createEventWriter(deps.database));

  async function writeOnce(writer: EventWriter, events: readonly SensedEvent[]): Promise<void> {
    const started = performance.now();
    const orgIds = [...new Set(events.map((e) => e.orgId))];
    const snapshots = await deps.assets.snapshots(orgIds);
    const paths = new Map<string, string>();
    for (const [id, s] of snapshots) paths.set(id, s.path);
    const returnNew = publishNew();
    const result = await writer.write(events, paths, { returnNew });
    const stored = result.newEvents ?? events;
    if (result.newEvents !== undefined) {
      for (const [source, n] of countBySource(result.newEvents)) deps.counters.add(source, 'stored', n);
      deps.bus.publish(result.newEvents);
    } else if (result.stored === events.length) {
      for (const [source, n] of countBySource(stored)) deps.counters.add(source, 'stored', n);
    } else {
      // without `returning` only the total is known: attribute it to the batch's first source (rare: duplicates)
      const first = events[0];
      if (first !== undefined) deps.counters.add(first.source, 'stored', result.stored);
    }
    deps.onCommit?.(events.length, result.stored, performance.now() - started);
  }

  /** Writes with retries; a batch still failing is split in halves until the bad events are alone. */
  async function writeIsolating(writer: EventWriter, events: readonly SensedEvent[]): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        return await writeOnce(writer, events);
      } catch (error) {
        // The database away (or any error not about the rows): the batch goes back to the queue whole.
        if (!isDataError(error)) throw error;
        lastError = error;
        if (attempt + 1 < attempts) await sleep(100 * 2 ** attempt);
      }
    }
    if (events.length === 1) {
      const e = events[0] as SensedEvent;
      deps.counters.add(e.source, 'rejected', 1);
      deps.logger?.error({ err: lastError, event: e.id, source: e.source.id }, 'event could not be stored; dropped');
      return;
    }
    const half = Math.ceil(events.length / 2);
    await writeIsolating(writer, events.slice(0, half));
    await writeIsolating(writer, events.slice(half));
  }

  async function loop(writer: EventWriter): Promise<void> {
    for (;;) {
      const batch = await deps.queue.consume(batchSize, maxWaitMs);
      if (batch === null) return;
      if (batch.events.length === 0) {
        await batch.ack();
        continue;
      }
      try {
        await writeIsolating(writer, batch.events);
        // counted before the ack, so that whoever flush() wakes sees the counters settled
        for (const [source, n] of countBySource(batch.events)) deps.counters.written(source.id, n);
        await batch.ack();
      } catch (error) {
        // Only the database being away gets here (every event was tried alone): give the batch back, wait.
        deps.logger?.error({ err: error, events: batch.events.length }, 'event batch not written; retrying');
        await batch.release();
        await sleep(1000);
      }
    }
  }

  const loops = writers.map((w) => loop(w));
  return {
    async stop() {
      await Promise.all(loops);
      for (const w of writers) await w.close().catch(() => undefined);
    },
  };
}

function countBySource(events: readonly SensedEvent[]): Map<SensedEvent['source'], number> {
  const bySource = new Map<string, { source: SensedEvent['source']; n: number }>();
  for (const e of events) {
    const entry = bySource.get(e.source.id);
    if (entry === undefined) bySource.set(e.source.id, { source: e.source, n: 1 });
    else entry.n++;
  }
  return new Map([...bySource.values()].map((v) => [v.source, v.n]));
}

/** Errors about the rows themselves (SQLSTATE classes 22 data and 23 integrity, or a row we could not encode). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code.startsWith('22') || code.startsWith('23');
  return error instanceof Error && (error.message.startsWith('no path for organisation') || error.message.startsWith('COPY'));
}
