import { createHmac, randomBytes } from 'node:crypto';

const REMEMBER_MS = 10 * 60_000;
const MAX_REMEMBERED = 1000;

interface Verified {
  readonly userId: string;
  /** The stored hash the password was verified against: a new password invalidates the entry. */
  readonly passwordHash: string;
  readonly until: number;
}

/**
 * Passwords verified recently, so that a paging TAXII client does not cost a scrypt per request.
 * An entry only vouches for the password while the user's stored hash is the one it was verified
 * against; the caller reads the user (hash, disabled flag, role) from the database on every request.
 * Keys are an HMAC under a key of this process, so the map holds nothing usable elsewhere.
 */
export function createRememberedPasswords(now: () => number = Date.now) {
  const key = randomBytes(32);
  const verified = new Map<string, Verified>();
  const keyOf = (username: string, password: string) => createHmac('sha256', key).update(username.toLowerCase()).update('\u0000').update(password).digest('base64');

  return {
    /** True when this password was verified for this user against the hash the user still has. */
    vouches(username: string, password: string, user: { readonly id: string; readonly password_hash: string | null }): boolean {
      const k = keyOf(username, password);
      const hit = verified.get(k);
      if (hit === undefined) return false;
      if (hit.until > now() && hit.userId === user.id && hit.passwordHash === user.password_hash) return true;
      verified.delete(k);
      return false;
    },
    remember(username: string, password: string, user: { readonly id: string; readonly password_hash: string | null }): void {
      if (user.password_hash === null) return;
      if (verified.size >= MAX_REMEMBERED) verified.clear();
      verified.set(keyOf(username, password), { userId: user.id, passwordHash: user.password_hash, until: now() + REMEMBER_MS });
    },
  };
}
