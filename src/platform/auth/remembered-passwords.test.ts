import { describe, expect, it } from 'vitest';
import { createRememberedPasswords } from './remembered-passwords.js';

describe('remembered passwords', () => {
  const user = { id: 'u1', password_hash: 'scrypt$hash-1' };

  it('vouches only for the same name (any case), password and stored hash, within its time', () => {
    let now = 0;
    const remembered = createRememberedPasswords(() => now);
    expect(remembered.vouches('alice', 'secret password', user)).toBe(false);
    remembered.remember('Alice', 'secret password', user);
    expect(remembered.vouches('ALICE', 'secret password', user)).toBe(true);
    expect(remembered.vouches('alice', 'secret passworD', user)).toBe(false);
    expect(remembered.vouches('alice', 'secret password', { ...user, id: 'u2' })).toBe(false);
    now += 11 * 60_000;
    expect(remembered.vouches('alice', 'secret password', user)).toBe(false);
  });

  it('forgets a password once the user’s stored hash changes, even if it changes back', () => {
    const remembered = createRememberedPasswords();
    remembered.remember('bob', 'secret password', user);
    expect(remembered.vouches('bob', 'secret password', { ...user, password_hash: 'scrypt$hash-2' })).toBe(false);
    expect(remembered.vouches('bob', 'secret password', user)).toBe(false);
    remembered.remember('bob', 'secret password', { ...user, password_hash: null });
    expect(remembered.vouches('bob', 'secret password', user)).toBe(false);
  });
});
