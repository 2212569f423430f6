// Messages between a capture job and its analysis worker.
import type { AnalysisTaskResult } from './analysis-task.js';

/** From the job: the last batch is stored (or being stored) and the next may come. */
export type WorkerRequest = { readonly type: 'accepted' };

export type WorkerReply =
  | { readonly type: 'batch'; readonly text: string; readonly records: number }
  | { readonly type: 'progress'; readonly bytesRead: number; readonly frames: number }
  | { readonly type: 'done'; readonly result: AnalysisTaskResult }
  | { readonly type: 'failed'; readonly message: string };
