import { describe, expect, it } from 'vitest';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './crypto.js';

describe('crypto', () => {
  it('hashes passwords with a salt and verifies only the right one', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('makes unguessable prefixed secrets and stores only a digest', () => {
    const s = newSecret('bwt');
    expect(s).toMatch(/^bwt_[A-Za-z0-9_-]{43}$/);
    expect(newSecret('bwt')).not.toBe(s);
    expect(hashSecret(s)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(s)).toBe(hashSecret(s));
  });
});
