import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, TooLargeError } from './errors.js';
import { spoolUpload } from './spool.js';

describe('spoolUpload', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-spool-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const options = (maxBytes: number) => ({ dir, suffix: '.up', maxBytes, what: 'uploads', emptyHint: 'send something' });

  it('keeps what fits and says how large it is', async () => {
    const { path, size } = await spoolUpload(Readable.from([Buffer.from('abc'), Buffer.from('de')]), options(10));
    expect(size).toBe(5);
    expect(await readdir(dir)).toEqual([path.slice(dir.length + 1)]);
  });

  it('refuses an upload over the limit and removes what it wrote', async () => {
    await expect(spoolUpload(Readable.from([Buffer.alloc(6, 1), Buffer.alloc(6, 1)]), options(8))).rejects.toBeInstanceOf(TooLargeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves nothing behind when the body breaks off or is empty', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(spoolUpload(broken, options(8))).rejects.toBeInstanceOf(InputError);
    await expect(spoolUpload(Readable.from([]), options(8))).rejects.toThrow(/is empty/);
    expect(await readdir(dir)).toEqual([]);
  });
});
