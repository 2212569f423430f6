// A capture analysis on a worker thread, seen from the job's thread: spawned with the whole task, or
// ahead of its job with the file only (head-start.ts), then driven by the job that stores its batches.
import { Worker } from 'node:worker_threads';
import type { AnalysisAssignment, AnalysisTaskAhead, AnalysisTaskInput, AnalysisTaskResult } from './analysis-task.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './analysis-worker-protocol.js';

/**
 * Decoding makes short-lived objects per packet: with V8's default young generation (16 MB here) the
 * worker spent ~15% of its time in scavenges on the 537 MB benchmark capture. 64 MB cut the job's CPU
 * time on PGlite from 19.6 s to 17.0 s; peak RSS on PostgreSQL stayed near 340 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

export interface AnalysisWorker {
  readonly path: string;
  /** performance.now() when the worker was spawned: where the analysis stage's time starts. */
  readonly startedAt: number;
  /**
   * Tells the worker its job and drives it to the end: each batch is stored (one in flight) before
   * the next is accepted. Call once.
   */
  run(assignment: AnalysisAssignment, store: (text: string) => Promise<void>, progress: (bytesRead: number, frames: number) => void): Promise<AnalysisTaskResult>;
  /** Stops the worker (a head start nobody claimed). */
  discard(): void;
}

export function spawnAnalysisWorker(url: URL, task: AnalysisTaskAhead, assignment?: AnalysisAssignment): AnalysisWorker {
  const startedAt = performance.now();
  const workerData: WorkerStart = assignment === undefined ? { task } : { task, assignment };
  const worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  // Until run() attaches, replies wait here: a failure before the job exists is reported by run().
  const early: WorkerReply[] = [];
  let exitedEarly: number | undefined;
  let erroredEarly: unknown;
  const hold = (reply: WorkerReply): void => void (reply.type === 'progress' || early.push(reply));
  const holdError = (error: unknown): void => void (erroredEarly = error);
  const holdExit = (code: number): void => void (exitedEarly = code);
  worker.on('message', hold);
  worker.once('error', holdError);
  worker.once('exit', holdExit);
  return {
    path: task.path,
    startedAt,
    discard: () => void worker.terminate(),
    run(job, store, progress) {
      worker.off('message', hold);
      worker.off('error', holdError);
      worker.off('exit', holdExit);
      return new Promise((resolve, reject) => {
        let inFlight: Promise<void> = Promise.resolve();
        let settled = false;
        const fail = (error: unknown): void => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          // let the batch in flight land before the caller deletes the job's partial results
          void inFlight.catch(() => undefined).then(() => reject(error instanceof Error ? error : new Error(String(error))));
        };
        const accept: WorkerRequest = { type: 'accepted' };
        const onReply = (reply: WorkerReply): void => {
          if (settled) return;
          switch (reply.type) {
            case 'batch': {
              const previous = inFlight;
              inFlight = previous.then(() => store(reply.text));
              inFlight.catch(fail);
              void previous.then(() => worker.postMessage(accept), fail);
              break;
            }
            case 'progress':
              progress(reply.bytesRead, reply.frames);
              break;
            case 'done':
              inFlight.then(() => {
                settled = true;
                void worker.terminate();
                resolve(reply.result);
              }, fail);
              break;
            case 'failed':
              fail(new Error(reply.message));
              break;
          }
        };
        worker.on('message', onReply);
        worker.once('error', fail);
        worker.once('exit', (code) => fail(new Error(`the capture analysis worker stopped (exit code ${code}) before it finished`)));
        for (const reply of early.splice(0)) onReply(reply);
        if (erroredEarly !== undefined) fail(erroredEarly);
        else if (exitedEarly !== undefined) fail(new Error(`the capture analysis worker stopped (exit code ${exitedEarly}) before it finished`));
        else if (assignment === undefined) worker.postMessage({ type: 'assign', ...job } satisfies WorkerRequest);
      });
    },
  };
}

/** The whole task on a worker thread, as a job runs it when nothing started ahead. */
export function analyzeInWorker(
  url: URL,
  input: AnalysisTaskInput,
  store: (text: string) => Promise<void>,
  progress: (bytesRead: number, frames: number) => void,
): Promise<AnalysisTaskResult> {
  const task: AnalysisTaskAhead = input.batchRecords === undefined ? { path: input.path } : { path: input.path, batchRecords: input.batchRecords };
  const assignment: AnalysisAssignment = { jobId: input.jobId, rules: input.rules };
  return spawnAnalysisWorker(url, task, assignment).run(assignment, store, progress);
}
