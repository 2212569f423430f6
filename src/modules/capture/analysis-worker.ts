// Worker-thread entry of one shard of a capture job's analysis (see analysis-task.ts and
// analysis-worker-handle.ts): the job's thread stores each batch of operations while this one decodes.
import { parentPort, workerData } from 'node:worker_threads';
import { runShard } from './analysis-task.js';
import { maxUnstoredBatches, type WorkerReply, type WorkerRequest, type WorkerStart } from './analysis-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('analysis-worker runs only as a worker thread');

const start = workerData as WorkerStart;
let unstored = 0;
let stored: (() => void) | undefined;
port.on('message', (message: WorkerRequest) => {
  if (message.type !== 'accepted') return;
  unstored--;
  const wake = stored;
  stored = undefined;
  wake?.();
});
const post = (reply: WorkerReply): void => port.postMessage(reply);

try {
  const result = await runShard(start.task, {
    rows: async (text, records) => {
      unstored++;
      post({ type: 'rows', text, records });
      while (unstored >= maxUnstoredBatches) await new Promise<void>((resolve) => (stored = resolve));
    },
    progress: (bytesRead, frames) => post({ type: 'progress', bytesRead, frames }),
  });
  post({ type: 'done', result });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
