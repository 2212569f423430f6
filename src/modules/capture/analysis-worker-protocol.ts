// Messages between a capture job and one shard of its analysis on a worker thread.
import type { ShardResult, ShardTask } from './analysis-task.js';

/**
 * Batches this shard may have handed over and not yet seen stored. More than one, so decoding goes on
 * while the job is still being created (migrations, bootstrap: the head start) and while a batch is
 * stored; bounded, so memory stays bounded when storage is slower than decoding.
 */
export const maxUnstoredBatches = 8;

/** What the worker starts with: the file and its shard. The job and its rules stay with the job. */
export type WorkerStart = { readonly task: ShardTask };

/** From the job: one more of the shard's batches is stored. */
export type WorkerRequest = { readonly type: 'accepted' };

export type WorkerReply =
  | { readonly type: 'rows'; readonly text: string; readonly records: number }
  | { readonly type: 'progress'; readonly bytesRead: number; readonly frames: number }
  | { readonly type: 'done'; readonly result: ShardResult }
  | { readonly type: 'failed'; readonly message: string };
