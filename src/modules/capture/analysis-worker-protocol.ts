// Messages between a capture job and one shard of its analysis on a worker thread.
import type { ShardResult, ShardTask } from './analysis-task.js';

/** What the worker starts with: the file and its shard. The job and its rules stay with the job. */
export type WorkerStart = { readonly task: ShardTask };

/** From the job: the last batch is stored (or being stored) and the next may come. */
export type WorkerRequest = { readonly type: 'accepted' };

export type WorkerReply =
  | { readonly type: 'rows'; readonly text: string; readonly records: number }
  | { readonly type: 'progress'; readonly bytesRead: number; readonly frames: number }
  | { readonly type: 'done'; readonly result: ShardResult }
  | { readonly type: 'failed'; readonly message: string };
