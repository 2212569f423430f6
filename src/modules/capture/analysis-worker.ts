// Worker-thread entry of a capture job's analysis (see analysis-task.ts and analysis-worker-handle.ts):
// the job's thread stores each batch of operations while this one decodes the next.
import { parentPort, workerData } from 'node:worker_threads';
import { runAnalysis, type AnalysisAssignment } from './analysis-task.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './analysis-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('analysis-worker runs only as a worker thread');

const start = workerData as WorkerStart;
let assign: (a: AnalysisAssignment) => void = () => undefined;
const assignment = start.assignment ? Promise.resolve(start.assignment) : new Promise<AnalysisAssignment>((resolve) => (assign = resolve));
let accepted: (() => void) | undefined;
port.on('message', (message: WorkerRequest) => {
  if (message.type === 'accepted') accepted?.();
  else assign({ jobId: message.jobId, rules: message.rules });
});
const post = (reply: WorkerReply): void => port.postMessage(reply);

try {
  const result = await runAnalysis(
    start.task,
    {
      batch: (text, records) =>
        new Promise<void>((resolve) => {
          accepted = resolve;
          post({ type: 'batch', text, records });
        }),
      progress: (bytesRead, frames) => post({ type: 'progress', bytesRead, frames }),
    },
    assignment,
  );
  post({ type: 'done', result });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
