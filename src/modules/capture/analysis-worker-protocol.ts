// Messages between a capture job and its analysis worker.
import type { AnalysisAssignment, AnalysisTaskAhead, AnalysisTaskResult } from './analysis-task.js';

/** What the worker starts with: the whole task, or only the file (a head start; the job comes later). */
export type WorkerStart = { readonly task: AnalysisTaskAhead; readonly assignment?: AnalysisAssignment };

/**
 * From the job: `accepted`, the last batch is stored (or being stored) and the next may come;
 * `assign`, the job a head start works for.
 */
export type WorkerRequest = { readonly type: 'accepted' } | ({ readonly type: 'assign' } & AnalysisAssignment);

export type WorkerReply =
  | { readonly type: 'batch'; readonly text: string; readonly records: number }
  | { readonly type: 'progress'; readonly bytesRead: number; readonly frames: number }
  | { readonly type: 'done'; readonly result: AnalysisTaskResult }
  | { readonly type: 'failed'; readonly message: string };
