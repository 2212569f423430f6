// The analysis half of a capture job: read the file, decode, dissect, and hand the operations log over
// in COPY-text batches. It touches no database, so it runs on worker threads beside the thread that
// stores (analysis-worker.ts), or in the caller's thread where no built worker exists (tests run from
// source).
//
// A large capture is split by conversation over a few shards (decode/packet-decoder.ts, Shard): each
// reads the whole file but decodes only its conversations, and hands over its operation records and,
// at the end, its counters and identity facts (AnalysisState). Where the shards meet, records are
// numbered and the states merged into exactly the hosts and communications one pass would find.
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createCaptureAnalysis, mergeAnalyses, type AnalysisState } from './analysis/capture-analysis.js';
import { loadDefaultOui } from './analysis/oui.js';
import type { CommunicationPair, DiscoveredHost, MalformedReport } from './analysis/types.js';
import { numberOperationRows, operationRowsText } from './capture.store.js';
import type { Shard } from './decode/packet-decoder.js';
import type { FingerprintRule } from './fingerprints/rules.js';
import { analyzeCapture } from './pipeline.js';
import type { CaptureSummary } from './types.js';

const progressEveryMs = 500;
const operationBatch = 10_000;
/**
 * Below this size (about a second and a half of decoding on one core) one thread decodes the file: a
 * second one costs its start, ~50 MB of memory and reading the whole file again, and a small capture
 * often has too few conversations to split evenly. On the 79 MB merge of the shared Modbus captures
 * (a handful of conversations, each packet 20 times) two shards took ~0.8 s more CPU than one.
 */
const shardFromBytes = 128 * 1024 * 1024;
const maxShards = 2;

export interface AnalysisTaskInput {
  readonly jobId: string;
  readonly path: string;
  readonly rules: readonly FingerprintRule[];
  /** Records per batch (default 10,000); tests make it small to see many batches. */
  readonly batchRecords?: number;
}

/** Where the task's output goes. */
export interface AnalysisTaskOutput {
  /**
   * Operation records as COPY text. Resolves when the next batch may be built: the storing side
   * keeps one batch in flight, so memory stays bounded however fast reading goes.
   */
  batch(text: string, records: number): Promise<void>;
  progress(bytesRead: number, frames: number): void;
}

export interface AnalysisTaskResult {
  readonly read: CaptureSummary;
  readonly bytesRead: number;
  readonly hosts: DiscoveredHost[];
  readonly communications: CommunicationPair[];
  readonly malformedReports: readonly MalformedReport[];
  readonly operations: number;
}

/** Which job an analysis started ahead of its job (see head-start.ts) works for, once that is known. */
export interface AnalysisAssignment {
  readonly jobId: string;
  readonly rules: readonly FingerprintRule[];
}

/** The file only: the job and its rules come later through an assignment (a head start). */
export interface AnalysisTaskAhead {
  readonly path: string;
  readonly batchRecords?: number;
  /** Shards to split the file over (default: by its size, see analysisShards). */
  readonly shards?: number;
}

/** One shard's part of a task: structured-clone friendly, so a worker can run it. */
export interface ShardTask {
  readonly path: string;
  readonly batchRecords?: number;
  readonly shard: Shard;
}

/** Where a shard's output goes: operation records as COPY rows without job and number. */
export interface ShardOutput {
  /** Resolves when the next batch may be built (one in flight). */
  rows(text: string, records: number): Promise<void>;
  progress(bytesRead: number, frames: number): void;
}

export interface ShardResult {
  readonly read: CaptureSummary;
  readonly bytesRead: number;
  readonly state: AnalysisState;
}

/**
 * How many shards a file of this size is split over on a machine with `cores` cores. A shard needs a
 * core of its own beside the job's thread (numbering, COPY) and the database: on two cores, measured
 * idle on the 537 MB benchmark capture against PostgreSQL, two shards took 8.8-9.2 s and 516-523 MB
 * where one took 8.8-9.0 s and 425-432 MB. So one shard per two cores, at most maxShards.
 */
export function analysisShards(bytes: number, cores = availableParallelism()): number {
  return bytes >= shardFromBytes ? Math.max(1, Math.min(maxShards, Math.floor(cores / 2))) : 1;
}

/** Reads the file and decodes this shard's conversations, handing records over as they complete. */
export async function runShard(task: ShardTask, output: ShardOutput): Promise<ShardResult> {
  const analysis = createCaptureAnalysis();
  const batch = task.batchRecords ?? operationBatch;
  let bytesRead = 0;
  let lastProgress = performance.now();
  let handed = 0;
  const handOver = async (): Promise<void> => {
    const ready = analysis.operations.drain();
    // in batches of the size asked for, also what the end of the capture closes at once
    for (let i = 0; i < ready.length; i += batch) {
      const part = ready.slice(i, i + batch);
      handed += part.length;
      await output.rows(operationRowsText(part), part.length);
    }
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(task.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      yield chunk;
      bytesRead += chunk.length;
      // reading waits while a batch is being stored, so memory stays bounded
      if (analysis.operations.emitted - handed >= batch) await handOver();
      if (performance.now() - lastProgress > progressEveryMs) {
        lastProgress = performance.now();
        output.progress(bytesRead, analysis.frames);
      }
    }
  }
  const read = await analyzeCapture(chunks(), analysis, { shard: task.shard });
  analysis.operations.finish();
  await handOver();
  return { read, bytesRead, state: analysis.exportState() };
}

/** The shards' results as one: the summary of the file, the merged hosts and communications. */
export async function mergeShards(results: readonly ShardResult[], rules: readonly FingerprintRule[], operations: number): Promise<AnalysisTaskResult> {
  const first = results[0];
  if (first === undefined) throw new Error('an analysis has at least one shard');
  const pdus: Record<string, number> = {};
  for (const r of results) for (const [protocol, n] of Object.entries(r.read.pdus)) pdus[protocol] = (pdus[protocol] ?? 0) + n;
  // every shard read the whole file: frames, bytes, times and a read error are the same in each
  const read: CaptureSummary = { ...first.read, pdus, malformed: results.reduce((n, r) => n + r.read.malformed, 0) };
  const merged = mergeAnalyses(
    results.map((r) => r.state),
    { oui: await loadDefaultOui(), rules },
  );
  return { read, bytesRead: first.bytesRead, hosts: merged.hosts, communications: merged.communications, malformedReports: merged.malformedReports, operations };
}

/** Numbers the rows of every shard in the order they arrive, for one job. */
export function recordNumbering(jobId: string): { number(rows: string, records: number): string; readonly count: number } {
  let seq = 0;
  return {
    number(rows, records) {
      const text = numberOperationRows(jobId, seq, rows);
      seq += records;
      return text;
    },
    get count() {
      return seq;
    },
  };
}

/** The whole task in this thread, shard after shard (one by default). */
export async function runAnalysisTask(input: AnalysisTaskInput, output: AnalysisTaskOutput, shards = 1): Promise<AnalysisTaskResult> {
  const numbering = recordNumbering(input.jobId);
  const results: ShardResult[] = [];
  for (let index = 0; index < shards; index++) {
    const task: ShardTask = { path: input.path, shard: { index, count: shards }, ...(input.batchRecords !== undefined ? { batchRecords: input.batchRecords } : {}) };
    results.push(await runShard(task, { rows: (rows, records) => output.batch(numbering.number(rows, records), records), progress: output.progress }));
  }
  return mergeShards(results, input.rules, numbering.count);
}
