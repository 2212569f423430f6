// Uploads too large for memory (captures, bundles) go to a spool file first, under a size limit,
// and are read from there by the job that processes them.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from './crypto.js';
import { InputError, TooLargeError } from './errors.js';

export interface SpoolOptions {
  readonly dir: string;
  /** File name ending, e.g. `.capture`. */
  readonly suffix: string;
  readonly maxBytes: number;
  /** What the upload is, for messages: "captures", "bundles". */
  readonly what: string;
  /** Said when the body is empty. */
  readonly emptyHint: string;
}

/** Refuses a declared length over the limit before reading anything (the body is drained). */
export function refuseOversize(body: Readable, declaredLength: number | undefined, o: Pick<SpoolOptions, 'maxBytes' | 'what'>): void {
  if (declaredLength !== undefined && declaredLength > o.maxBytes) {
    body.resume();
    throw new TooLargeError(`${o.what} are limited to ${o.maxBytes} bytes`);
  }
}

/** Streams `body` into a new spool file; nothing is left behind when it is empty, too large or cut off. */
export async function spoolUpload(body: Readable, o: SpoolOptions): Promise<{ path: string; size: number }> {
  await mkdir(o.dir, { recursive: true });
  const path = join(o.dir, `${newId()}${o.suffix}`);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > o.maxBytes) done(new TooLargeError(`${o.what} are limited to ${o.maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  const file = createWriteStream(path);
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  try {
    await pipeline(body, counter, file);
  } catch (error) {
    // pipeline rejects as soon as it destroys the streams, which can be before the file stream's
    // own open() has run: removing the path then would let that open create it again afterwards.
    await closed;
    await rm(path, { force: true });
    throw error instanceof TooLargeError ? error : new InputError('the upload was interrupted');
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw new InputError(`the ${o.what.replace(/s$/, '')} is empty`, [{ path: 'body', message: o.emptyHint }]);
  }
  return { path, size };
}

/**
 * Runs what takes over a spooled file (creating the job that will read it); if that fails, the file
 * is removed, so no failed request leaves anything behind in the spool.
 */
export async function handOver<T>(path: string, take: () => Promise<T>): Promise<T> {
  try {
    return await take();
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}
