import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BundleSyntaxError, MAX_OBJECT_DEPTH, readBundle, type BundleHeader, type BundleItem } from './bundle-reader.js';

/** Feeds text in chunks of `size` bytes, to cross every token boundary. */
function chunks(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function readAll(input: Readable): Promise<{ items: BundleItem[]; header: BundleHeader }> {
  const items: BundleItem[] = [];
  const reader = readBundle(input);
  for (;;) {
    const next = await reader.next();
    if (next.done === true) return { items, header: next.value };
    items.push(...next.value);
  }
}

const bundle = {
  type: 'bundle',
  id: 'bundle--0d9c2a47-5b7e-4f5c-9a4e-0c3b1f2e9d81',
  objects: [
    { type: 'identity', id: 'identity--1d0c2a47-5b7e-4f5c-9a4e-0c3b1f2e9d81', name: 'Plant CERT ünïcode ✓', nested: { a: [1, 2, { b: null }] } },
    { type: 'indicator', id: 'indicator--2d0c2a47-5b7e-4f5c-9a4e-0c3b1f2e9d81', pattern: "[ipv4-addr:value = '10.0.0.1']", confidence: 85, revoked: false },
  ],
};

describe('readBundle', () => {
  it('yields every object in order with its index, whatever the chunk size', async () => {
    const text = JSON.stringify(bundle, null, 2);
    for (const size of [1, 3, 7, 64, 100_000]) {
      const { items, header } = await readAll(chunks(text, size));
      expect(items).toEqual(bundle.objects.map((value, index) => ({ kind: 'object', index, value })));
      expect(header).toEqual({ type: 'bundle', id: bundle.id, objects: 2 });
    }
  });

  it('reads a TAXII envelope and keys in any order', async () => {
    const text = JSON.stringify({ more: false, objects: bundle.objects, next: 'x' });
    const { items, header } = await readAll(chunks(text, 5));
    expect(items).toHaveLength(2);
    expect(header.type).toBeUndefined();
  });

  it('passes scalars and arrays in objects through for the validator to reject', async () => {
    const { items } = await readAll(chunks('{"type":"bundle","objects":[1,"x",null,[2],{"a":1}]}', 4));
    expect(items.map((i) => (i.kind === 'object' ? i.value : i.message))).toEqual([1, 'x', null, [2], { a: 1 }]);
  });

  it('skips an object nested too deeply and goes on', async () => {
    const deep = `${'{"a":'.repeat(MAX_OBJECT_DEPTH + 5)}1${'}'.repeat(MAX_OBJECT_DEPTH + 5)}`;
    const { items } = await readAll(chunks(`{"objects":[${deep},{"ok":true}]}`, 16));
    expect(items[0]).toMatchObject({ kind: 'skipped', index: 0 });
    expect(items[1]).toEqual({ kind: 'object', index: 1, value: { ok: true } });
  });

  it('rejects what is not a bundle with a BundleSyntaxError', async () => {
    for (const bad of ['', '[1,2]', '"bundle"', '{"objects":[{"a":1}', '{"objects":[{"a":tru}]}', 'not json']) {
      await expect(readAll(chunks(bad, 3)), bad).rejects.toBeInstanceOf(BundleSyntaxError);
    }
  });

  it('keeps the objects read before the damage', async () => {
    const items: BundleItem[] = [];
    const reader = readBundle(Readable.from([Buffer.from('{"objects":[{"a":1},{"b":2},'), Buffer.from('{"c":')]));
    await expect(
      (async () => {
        for (;;) {
          const next = await reader.next();
          if (next.done === true) return;
          items.push(...next.value);
        }
      })(),
    ).rejects.toThrow(/ends early|not valid JSON/);
    expect(items).toHaveLength(2);
  });

  it('rejects bytes that are not UTF-8', async () => {
    await expect(readAll(Readable.from([Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])]))).rejects.toBeInstanceOf(BundleSyntaxError);
  });
});
