// The file stream opens its file on the thread pool; under load that open can still be pending when
// the upload is refused. A removal then would let the open create the file again afterwards (seen in
// CI). Here the open is held back on purpose, so the order is the one that went wrong.
import type * as fs from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TooLargeError } from './errors.js';
import { spoolUpload } from './spool.js';

const OPEN_DELAY_MS = 100;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const slowOpen = (...args: Parameters<typeof fs.open>) => setTimeout(() => (real.open as (...a: unknown[]) => void)(...args), OPEN_DELAY_MS);
  return {
    ...real,
    createWriteStream: (path: fs.PathLike, options?: object) => real.createWriteStream(path, { ...options, fs: { open: slowOpen, write: real.write, writev: real.writev, close: real.close } }),
  };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-spool-race-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('leaves nothing behind when the upload is refused while its file is still being opened', async () => {
  const options = { dir, suffix: '.up', maxBytes: 8, what: 'uploads', emptyHint: 'send something' };
  await expect(spoolUpload(Readable.from([Buffer.alloc(64, 1)]), options)).rejects.toBeInstanceOf(TooLargeError);
  // Long enough for a held-back open to have happened, had the spool not waited for it.
  await new Promise((resolve) => setTimeout(resolve, OPEN_DELAY_MS * 2));
  expect(await readdir(dir)).toEqual([]);
});
