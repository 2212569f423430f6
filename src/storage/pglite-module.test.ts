import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite.js';
import { patchBufferPool, pgliteWasmPath } from './pglite-module.js';

function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('the embedded database buffer pool', () => {
  it('rewrites the shipped setting in place, same length, NUL-padded', () => {
    const wasm = bytesOf('abc\0shared_buffers=128MB\0def');
    expect(patchBufferPool(wasm, '8MB')).toEqual({ applied: true, setting: 'shared_buffers=8MB' });
    expect(Buffer.from(wasm).toString('latin1')).toBe('abc\0shared_buffers=8MB\0\0\0def');
  });

  it('leaves a build it does not recognise unchanged', () => {
    for (const [text, reason] of [
      ['shared_buffers=256MB\0', 'not-found'],
      ['shared_buffers=128MB', 'not-found'],
      ['shared_buffers=128MB\0 shared_buffers=128MB\0', 'ambiguous'],
    ] as const) {
      const wasm = bytesOf(text);
      expect(patchBufferPool(wasm, '8MB')).toEqual({ applied: false, reason });
      expect(Buffer.from(wasm).toString('latin1')).toBe(text);
    }
  });

  it('accepts only a plain size that fits', () => {
    for (const size of ['8MB -c fsync=off', '0MB', '8GB', '', '08MB', '1234567kB']) {
      const wasm = bytesOf('shared_buffers=128MB\0');
      expect(patchBufferPool(wasm, size).applied).toBe(false);
    }
    expect(patchBufferPool(bytesOf('shared_buffers=128MB\0'), '99999kB')).toEqual({ applied: false, reason: 'too-long' });
  });

  it('finds the setting exactly once in the PGlite build we ship', async () => {
    expect(patchBufferPool(await readFile(pgliteWasmPath()), '8MB').applied).toBe(true);
  });

  it('opens with the smaller pool, and with PGlite’s own without one', async () => {
    const small = await openPglite({ bufferPool: '8MB' });
    const shipped = await openPglite({});
    try {
      const show = async (database: typeof small): Promise<string | undefined> =>
        (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db)).rows[0]?.shared_buffers;
      expect(await show(small)).toBe('8MB');
      expect(await show(shipped)).toBe('128MB');
    } finally {
      await small.close();
      await shipped.close();
    }
  });
});
