import { RateLimitedError } from '../errors.js';

export interface LoginLimiterOptions {
  /** Failed attempts allowed per (username, address) within the window. */
  readonly maxPerUserAddress: number;
  /** Failed attempts allowed per address across all usernames (password spraying). */
  readonly maxPerAddress: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/**
 * Counts failed logins in a sliding window. In-process on purpose: a login burst hits one
 * instance, and a restart forgiving old failures is acceptable; a shared store comes with scale-out.
 */
export function createLoginLimiter(options: LoginLimiterOptions) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  function recent(key: string): number[] {
    const cutoff = now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  function check(key: string, max: number): void {
    const times = recent(key);
    if (times.length >= max) {
      const oldest = times[0] ?? now();
      const retryAfter = Math.max(1, Math.ceil((oldest + options.windowMs - now()) / 1000));
      throw new RateLimitedError('too many failed login attempts; try again later', retryAfter);
    }
  }

  const userKey = (username: string, address: string) => `u:${username.toLowerCase()}|${address}`;
  const addressKey = (address: string) => `a:${address}`;

  return {
    /** Throws RateLimitedError when this user from this address, or this address, is locked out. */
    assertAllowed(username: string, address: string): void {
      check(userKey(username, address), options.maxPerUserAddress);
      check(addressKey(address), options.maxPerAddress);
    },
    recordFailure(username: string, address: string): void {
      for (const key of [userKey(username, address), addressKey(address)]) {
        failures.set(key, [...recent(key), now()]);
      }
    },
    recordSuccess(username: string, address: string): void {
      failures.delete(userKey(username, address));
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
