// SHA-256 of capture files: how a second upload of the same file is recognised.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';

// Hashing a 500 MB file takes a second or more of CPU: a worker thread does it beside the analysis.
// The worker's source is inline (CommonJS), so it runs the same from the built output and from tests.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('end', () => parentPort.postMessage({ sha256: hash.digest('hex') }))
  .on('error', (error) => parentPort.postMessage({ error: error.message }));
`;

/** The file's SHA-256 (hex), computed on a worker thread. */
export function fileDigest(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: path });
    worker.once('message', (m: { sha256?: string; error?: string }) => {
      if (m.sha256 !== undefined) resolve(m.sha256);
      else reject(new Error(`cannot hash ${path}: ${m.error ?? 'unknown error'}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** A pass-through stream that hashes what flows through it; digest() once it has ended. */
export function hashingStream(): Transform & { digest(): string } {
  const hash = createHash('sha256');
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return Object.assign(stream, { digest: () => hash.digest('hex') });
}
