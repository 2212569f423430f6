// A capture analysis on worker threads (one per shard), seen from the job's thread: spawned with the
// file, ahead of its job or not (head-start.ts), then driven by the job, which numbers and stores each
// batch of operation records as it comes and merges the shards' states at the end.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { analysisShards, mergeShards, recordNumbering, type AnalysisAssignment, type AnalysisTaskAhead, type AnalysisTaskInput, type AnalysisTaskResult, type ShardResult, type ShardTask } from './analysis-task.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './analysis-worker-protocol.js';

/**
 * Decoding makes short-lived objects per packet: with V8's default young generation (16 MB here) the
 * worker spent ~15% of its time in scavenges on the 537 MB benchmark capture. 64 MB cut the job's CPU
 * time on PGlite from 19.6 s to 17.0 s; peak RSS on PostgreSQL stayed near 340 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

export interface AnalysisWorker {
  readonly path: string;
  /** performance.now() when the workers were spawned: where the analysis stage's time starts. */
  readonly startedAt: number;
  /** How many worker threads (shards) share the file. */
  readonly shards: number;
  /**
   * Drives the analysis to the end for its job: each batch is numbered and stored in the order it
   * arrives, and its shard told when it is (a shard runs a bounded number of batches ahead). Call once.
   */
  run(assignment: AnalysisAssignment, store: (text: string) => Promise<void>, progress: (bytesRead: number, frames: number) => void): Promise<AnalysisTaskResult>;
  /** Stops the workers (a head start nobody claimed). */
  discard(): void;
  /** Batches the shards have handed over that are not stored yet (before run(): all they sent). */
  unstored(): number;
}

/** One shard's worker; until run() attaches, its replies wait (a failure before the job exists is reported by run()). */
interface ShardWorker {
  readonly worker: Worker;
  /** Batches received and not yet stored. */
  unstored: number;
  attach(onReply: (reply: WorkerReply) => void, onEnd: (error: Error) => void): void;
}

function spawnShard(url: URL, task: ShardTask): ShardWorker {
  const workerData: WorkerStart = { task };
  // shards share the young generation's budget: the process's peak RSS stays where one worker's was
  const youngMb = Math.max(16, Math.round(WORKER_YOUNG_GENERATION_MB / task.shard.count));
  const worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
  const early: WorkerReply[] = [];
  let ended: Error | undefined;
  let replyTo: ((reply: WorkerReply) => void) | undefined;
  let endTo: ((error: Error) => void) | undefined;
  const end = (error: Error): void => {
    if (endTo) endTo(error);
    else ended ??= error;
  };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'rows') shard.unstored++;
    if (replyTo) replyTo(reply);
    else if (reply.type !== 'progress') early.push(reply);
  });
  worker.once('error', (error) => end(error instanceof Error ? error : new Error(String(error))));
  worker.once('exit', (code) => end(new Error(`the capture analysis worker stopped (exit code ${code}) before it finished`)));
  const shard: ShardWorker = {
    worker,
    unstored: 0,
    attach(onReply, onEnd) {
      replyTo = onReply;
      endTo = onEnd;
      for (const reply of early.splice(0)) onReply(reply);
      if (ended) onEnd(ended);
    },
  };
  return shard;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the worker reports the missing file
  }
}

export function spawnAnalysisWorker(url: URL, task: AnalysisTaskAhead): AnalysisWorker {
  const startedAt = performance.now();
  const count = task.shards ?? analysisShards(fileSize(task.path));
  const shards = Array.from({ length: count }, (_, index) =>
    spawnShard(url, { path: task.path, shard: { index, count }, ...(task.batchRecords !== undefined ? { batchRecords: task.batchRecords } : {}) }),
  );
  const stopAll = (): void => {
    for (const s of shards) void s.worker.terminate();
  };
  return {
    path: task.path,
    startedAt,
    shards: count,
    discard: stopAll,
    unstored: () => shards.reduce((n, s) => n + s.unstored, 0),
    run(job, store, progress) {
      return new Promise((resolve, reject) => {
        const numbering = recordNumbering(job.jobId);
        const results: (ShardResult | undefined)[] = Array.from({ length: count });
        const reading = shards.map(() => ({ bytesRead: 0, frames: 0 }));
        let inFlight: Promise<void> = Promise.resolve();
        let settled = false;
        const fail = (error: unknown): void => {
          if (settled) return;
          settled = true;
          stopAll();
          // let the batch in flight land before the caller deletes the job's partial results
          void inFlight.catch(() => undefined).then(() => reject(error instanceof Error ? error : new Error(String(error))));
        };
        const accept: WorkerRequest = { type: 'accepted' };
        shards.forEach((shard, index) => {
          const onReply = (reply: WorkerReply): void => {
            if (settled) return;
            switch (reply.type) {
              case 'rows': {
                // numbered in the order batches arrive from the shards: the sequence stays dense
                const text = numbering.number(reply.text, reply.records);
                inFlight = inFlight.then(() => store(text));
                inFlight.then(() => {
                  shard.unstored--;
                  shard.worker.postMessage(accept);
                }, fail);
                break;
              }
              case 'progress': {
                reading[index] = { bytesRead: reply.bytesRead, frames: reply.frames };
                progress(Math.min(...reading.map((r) => r.bytesRead)), reading.reduce((n, r) => n + r.frames, 0));
                break;
              }
              case 'done':
                results[index] = reply.result;
                if (results.every((r) => r !== undefined)) {
                  inFlight
                    .then(() => mergeShards(results as ShardResult[], job.rules, numbering.count))
                    .then((merged) => {
                      settled = true;
                      stopAll();
                      resolve(merged);
                    }, fail);
                }
                break;
              case 'failed':
                fail(new Error(reply.message));
                break;
            }
          };
          shard.attach(onReply, (error) => {
            if (results[index] === undefined) fail(error);
          });
        });
      });
    },
  };
}

/** The whole task on worker threads, as a job runs it when nothing started ahead. */
export function analyzeInWorker(
  url: URL,
  input: AnalysisTaskInput & { readonly shards?: number },
  store: (text: string) => Promise<void>,
  progress: (bytesRead: number, frames: number) => void,
): Promise<AnalysisTaskResult> {
  const task: AnalysisTaskAhead = { path: input.path, ...(input.batchRecords !== undefined ? { batchRecords: input.batchRecords } : {}), ...(input.shards !== undefined ? { shards: input.shards } : {}) };
  return spawnAnalysisWorker(url, task).run({ jobId: input.jobId, rules: input.rules }, store, progress);
}
