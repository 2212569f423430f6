import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyFromFile, parseSecretKey } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('seals so that only the same key opens, with a fresh IV every time', () => {
    const sealed = box.seal('{"password":"hunter2-but-longer"}');
    expect(sealed).not.toContain('hunter2');
    expect(box.seal('same')).not.toBe(box.seal('same'));
    expect(box.open(sealed)).toBe('{"password":"hunter2-but-longer"}');
    expect(createSecretBox(randomBytes(32)).open(sealed)).toBeUndefined();
  });

  it('refuses altered or malformed boxes', () => {
    const sealed = box.seal('token');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(box.open([parts[0], parts[1], parts[2], data.toString('base64url')].join('.'))).toBeUndefined();
    expect(box.open('v2.a.b.c')).toBeUndefined();
    expect(box.open('not sealed')).toBeUndefined();
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('reads keys in hex or base64 and rejects anything else', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretKey(` ${key.toString('base64url')}\n`)?.equals(key)).toBe(true);
    expect(parseSecretKey('too short')).toBeUndefined();
    expect(parseSecretKey(randomBytes(16).toString('hex'))).toBeUndefined();
  });

  it('creates a key file readable by its owner only, and reads the same key afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-key-'));
    try {
      const path = join(dir, 'nested', 'secret.key');
      const first = keyFromFile(path);
      expect(keyFromFile(path).equals(first)).toBe(true);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await readFile(path, 'utf8')).trim()).toBe(first.toString('hex'));
      await writeFile(path, 'garbage');
      expect(() => keyFromFile(path)).toThrow(/does not hold a secret key/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
