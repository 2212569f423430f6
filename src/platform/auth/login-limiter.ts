import { RateLimitedError } from '../errors.js';

export interface LoginLimiterOptions {
  /** Failed attempts allowed per (username, address) within the window. */
  readonly maxPerUserAddress: number;
  /** Failed attempts allowed per address across all usernames (password spraying). */
  readonly maxPerAddress: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/** Which counter a failure filled up: this user from this address, or the address itself. */
export type LockScope = 'user' | 'address';

export interface Lock {
  readonly scope: LockScope;
  readonly until: Date;
}

/** One password check in flight, already counted as a failure until it is known to have succeeded. */
export interface LoginAttempt {
  /** The password was right: the reserved slot is refunded and the user's failures are forgiven. */
  succeeded(): void;
  /** The password was wrong: the slot stays; returns the locks this failure has just engaged. */
  failed(): readonly Lock[];
}

interface Slot {
  readonly at: number;
  pending: boolean;
}

/**
 * Counts failed logins in a sliding window. In-process on purpose: a login burst hits one
 * instance, and a restart forgiving old failures is acceptable; a shared store comes with scale-out.
 * One limiter serves every password check (console login and TAXII Basic alike).
 */
export function createLoginLimiter(options: LoginLimiterOptions) {
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot[]>();

  function recent(key: string): Slot[] {
    const cutoff = now() - options.windowMs;
    const kept = (slots.get(key) ?? []).filter((s) => s.at > cutoff);
    if (kept.length === 0) slots.delete(key);
    else slots.set(key, kept);
    return kept;
  }

  function check(key: string, max: number): void {
    const held = recent(key);
    if (held.length >= max) {
      const oldest = held[0]?.at ?? now();
      const retryAfter = Math.max(1, Math.ceil((oldest + options.windowMs - now()) / 1000));
      throw new RateLimitedError('too many failed login attempts; try again later', retryAfter);
    }
  }

  const userKey = (username: string, address: string) => `u:${username.toLowerCase()}|${address}`;
  const addressKey = (address: string) => `a:${address}`;

  function assertAllowed(username: string, address: string): void {
    check(userKey(username, address), options.maxPerUserAddress);
    check(addressKey(address), options.maxPerAddress);
  }

  return {
    /** Throws RateLimitedError when this user from this address, or this address, is locked out. */
    assertAllowed,

    /**
     * Reserves an attempt before the password is verified: the check and the count happen in one
     * synchronous step, so parallel guesses cannot all pass the check before the first one fails.
     */
    begin(username: string, address: string): LoginAttempt {
      assertAllowed(username, address);
      const counters: ReadonlyArray<readonly [string, number, LockScope]> = [
        [userKey(username, address), options.maxPerUserAddress, 'user'],
        [addressKey(address), options.maxPerAddress, 'address'],
      ];
      const slot: Slot = { at: now(), pending: true };
      for (const [key] of counters) slots.set(key, [...recent(key), slot]);
      let settled = false;
      return {
        succeeded() {
          if (settled) return;
          settled = true;
          // Forgive the user's confirmed failures; other attempts still in flight keep their slots.
          const [user, address] = counters;
          if (user !== undefined) slots.set(user[0], recent(user[0]).filter((s) => s !== slot && s.pending));
          if (address !== undefined) slots.set(address[0], recent(address[0]).filter((s) => s !== slot));
        },
        failed() {
          if (settled) return [];
          settled = true;
          slot.pending = false;
          const locks: Lock[] = [];
          for (const [key, max, scope] of counters) {
            const confirmed = recent(key).filter((s) => !s.pending);
            // Exactly at the limit: this failure is the one that locks (later ones find it locked).
            if (confirmed.length === max) locks.push({ scope, until: new Date((confirmed[0]?.at ?? now()) + options.windowMs) });
          }
          return locks;
        },
      };
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
