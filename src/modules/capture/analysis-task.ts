// The analysis half of a capture job: read the file, decode, dissect, and hand the operations log over
// in COPY-text batches. It touches no database, so it runs in a worker thread beside the thread that
// stores (analysis-worker.ts), or in the caller's thread where no built worker exists (tests run from
// source).
import { createReadStream } from 'node:fs';
import { createCaptureAnalysis } from './analysis/capture-analysis.js';
import { loadDefaultOui } from './analysis/oui.js';
import type { CommunicationPair, DiscoveredHost, MalformedReport } from './analysis/types.js';
import { operationsCopyText } from './capture.store.js';
import type { FingerprintRule } from './fingerprints/rules.js';
import { analyzeCapture } from './pipeline.js';
import type { CaptureSummary } from './types.js';

const progressEveryMs = 500;
const operationBatch = 10_000;
/** Batches an analysis ahead of its job may hold before it waits for the job. */
const maxBatchesAhead = 8;

export interface AnalysisTaskInput {
  readonly jobId: string;
  readonly path: string;
  readonly rules: readonly FingerprintRule[];
  /** Records per batch (default 10,000); tests make it small to see many batches. */
  readonly batchRecords?: number;
}

/** Where the task's output goes; structured-clone friendly, so a worker can post it. */
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

/** The file only: the job and its rules come later through `assignment` (a head start). */
export interface AnalysisTaskAhead {
  readonly path: string;
  readonly batchRecords?: number;
}

export async function runAnalysisTask(input: AnalysisTaskInput, output: AnalysisTaskOutput): Promise<AnalysisTaskResult> {
  return runAnalysis(input, output, Promise.resolve(input));
}

/**
 * Reads and decodes at once; the first batch (which carries the job id) and the identities (which
 * use the organisation's fingerprint rules) wait for the assignment.
 */
export async function runAnalysis(input: AnalysisTaskAhead, output: AnalysisTaskOutput, assignment: Promise<AnalysisAssignment>): Promise<AnalysisTaskResult> {
  const analysis = createCaptureAnalysis({ oui: await loadDefaultOui() });
  let assigned: AnalysisAssignment | undefined;
  void assignment.then((a) => (assigned = a), () => undefined);
  let bytesRead = 0;
  let seq = 0;
  let lastProgress = performance.now();
  const handOver = async (): Promise<void> => {
    // Until the job is known, records wait in the log's ready list (bounded by the reading they allow).
    if (assigned === undefined) return;
    const ready = analysis.operations.drain();
    if (ready.length === 0) return;
    const text = operationsCopyText(assigned.jobId, seq, ready);
    seq += ready.length;
    await output.batch(text, ready.length);
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(input.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      yield chunk;
      bytesRead += chunk.length;
      const waiting = analysis.operations.emitted - seq;
      const batch = input.batchRecords ?? operationBatch;
      // ahead of its job, reading pauses once a few batches wait, so memory stays bounded
      if (assigned === undefined && waiting >= batch * maxBatchesAhead) await assignment;
      if (waiting >= batch) await handOver();
      if (performance.now() - lastProgress > progressEveryMs) {
        lastProgress = performance.now();
        output.progress(bytesRead, analysis.frames);
      }
    }
  }
  const read = await analyzeCapture(chunks(), analysis);
  const { jobId, rules } = await assignment;
  assigned = { jobId, rules };
  await handOver();
  const { hosts, communications, operations } = analysis.finish(rules);
  if (operations.length > 0) {
    const text = operationsCopyText(jobId, seq, operations);
    seq += operations.length;
    await output.batch(text, operations.length);
  }
  return { read, bytesRead, hosts, communications, malformedReports: analysis.malformedReports, operations: seq };
}
