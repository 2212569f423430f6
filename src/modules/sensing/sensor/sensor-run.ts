// One sensor run: a packet stream in, the capture analysis over it, events out to a sink (the shipper).
// A timer hands completed operations over every `flushMs` and, every `snapshotMs`, the hosts and
// communications that changed; between timer ticks the reader goes as fast as the input comes.
import type { CaptureInput } from '../../capture/reader/index.js';
import { createLiveAnalysis } from '../../capture/index.js';
import type { EventDraft } from '../types.js';
import { createSnapshotDiff, operationEvent } from './sensor-events.js';

export interface EventSink {
  enqueue(events: readonly EventDraft[]): Promise<void>;
}

export interface SensorRunOptions {
  readonly input: CaptureInput;
  /** The observer name events carry (observer.name). */
  readonly name: string;
  readonly sink: EventSink;
  readonly flushMs?: number;
  readonly snapshotMs?: number;
  /** Events per batch at most (one spool segment, one request). */
  readonly batchEvents?: number;
  /** Reading pauses while this many batches are still being written to the spool. */
  readonly maxPendingBatches?: number;
}

export interface SensorRunResult {
  readonly frames: number;
  readonly bytes: number;
  readonly operations: number;
  readonly events: number;
  readonly elapsedMs: number;
  /** CPU time of this process during the run (user + system), for packets per CPU second. */
  readonly cpuMs: number;
  readonly readError?: { readonly code: string; readonly message: string; readonly frame: number };
}

export interface SensorRunProgress {
  readonly frames: number;
  readonly events: number;
}

export interface SensorRun {
  readonly done: Promise<SensorRunResult>;
  progress(): SensorRunProgress;
}

export function startSensorRun(options: SensorRunOptions): SensorRun {
  const flushMs = options.flushMs ?? 1000;
  const snapshotMs = options.snapshotMs ?? 60_000;
  const batchEvents = options.batchEvents ?? 5000;
  const maxPending = options.maxPendingBatches ?? 4;
  let events = 0;
  let operations = 0;
  let framesNow = 0;
  const done = (async (): Promise<SensorRunResult> => {
    const started = performance.now();
    const cpuAtStart = process.cpuUsage();
    const live = await createLiveAnalysis();
    const diff = createSnapshotDiff();
    let pending: Promise<void>[] = [];
    let failure: unknown;
    const ship = (drafts: EventDraft[]) => {
      for (let i = 0; i < drafts.length; i += batchEvents) {
        const batch = drafts.slice(i, i + batchEvents);
        events += batch.length;
        const p = options.sink.enqueue(batch).catch((error: unknown) => {
          failure ??= error;
        });
        pending.push(p);
        void p.then(() => {
          pending = pending.filter((x) => x !== p);
        });
      }
    };
    const takeOperations = () => {
      const records = live.takeOperations();
      operations += records.length;
      ship(records.map((r) => operationEvent(r, options.name)));
    };
    let lastSnapshot = performance.now();
    const timer = setInterval(() => {
      framesNow = live.frames;
      takeOperations();
      if (performance.now() - lastSnapshot >= snapshotMs) {
        lastSnapshot = performance.now();
        ship(diff.events(live.snapshot(), options.name));
      }
    }, flushMs);
    // Reading waits for the spool when it falls behind, so memory holds a few batches at most.
    async function* paced(): AsyncGenerator<Uint8Array> {
      for await (const chunk of options.input as AsyncIterable<Uint8Array>) {
        yield chunk;
        if (failure !== undefined) throw failure;
        if (pending.length >= maxPending) await Promise.race(pending);
      }
    }
    try {
      const summary = await live.read(paced());
      const final = live.finish();
      operations += final.operations.length;
      ship([...final.operations.map((r) => operationEvent(r, options.name)), ...diff.events(final, options.name)]);
      await Promise.all(pending);
      if (failure !== undefined) throw failure;
      framesNow = summary.frames;
      return {
        frames: summary.frames,
        bytes: summary.bytes,
        operations,
        events,
        elapsedMs: Math.round(performance.now() - started),
        cpuMs: Math.round((({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuAtStart))),
        ...(summary.error === undefined ? {} : { readError: summary.error }),
      };
    } finally {
      clearInterval(timer);
    }
  })();
  return { done, progress: () => ({ frames: framesNow, events }) };
}
