import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.js';
import { createLoginLimiter } from './login-limiter.js';

describe('login limiter', () => {
  it('locks a user at an address after the limit, for the rest of the window only', () => {
    let now = 1_000_000;
    const limiter = createLoginLimiter({ maxPerUserAddress: 3, maxPerAddress: 10, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) limiter.begin(i === 0 ? 'Alice' : 'alice', '10.0.0.1').failed();
    expect(() => limiter.assertAllowed('alice', '10.0.0.1')).toThrow(RateLimitedError);
    limiter.assertAllowed('alice', '10.0.0.2');
    limiter.assertAllowed('bob', '10.0.0.1');
    now += 30_000;
    try {
      limiter.begin('alice', '10.0.0.1');
      expect.unreachable();
    } catch (error) {
      expect((error as RateLimitedError).retryAfterSeconds).toBe(30);
    }
    now += 30_001;
    limiter.assertAllowed('alice', '10.0.0.1');
  });

  it('locks an address spraying many usernames, and forgives a user after a success', () => {
    const limiter = createLoginLimiter({ maxPerUserAddress: 3, maxPerAddress: 5, windowMs: 60_000 });
    limiter.begin('carol', '10.0.0.9').failed();
    limiter.begin('carol', '10.0.0.9').failed();
    limiter.begin('carol', '10.0.0.9').succeeded();
    limiter.begin('carol', '10.0.0.9').failed();
    limiter.assertAllowed('carol', '10.0.0.9');
    // The address keeps carol's three failures (the success refunded only its own attempt).
    for (const user of ['u1', 'u2']) limiter.begin(user, '10.0.0.9').failed();
    expect(() => limiter.begin('someone-new', '10.0.0.9')).toThrow(RateLimitedError);
  });

  it('counts an attempt before its verification ends, so parallel guesses stop at the limit', () => {
    const limiter = createLoginLimiter({ maxPerUserAddress: 3, maxPerAddress: 10, windowMs: 60_000 });
    const inFlight = [0, 1, 2].map(() => limiter.begin('dave', '10.0.0.3'));
    expect(() => limiter.begin('dave', '10.0.0.3')).toThrow(RateLimitedError);
    // A success refunds its own slot, and only its own: the others are still in flight.
    inFlight[0]?.succeeded();
    const fourth = limiter.begin('dave', '10.0.0.3');
    expect(() => limiter.begin('dave', '10.0.0.3')).toThrow(RateLimitedError);
    expect(inFlight[1]?.failed()).toEqual([]);
    expect(inFlight[2]?.failed()).toEqual([]);
    const locks = fourth.failed();
    expect(locks.map((l) => l.scope)).toEqual(['user']);
    // Settling twice changes nothing.
    expect(fourth.failed()).toEqual([]);
    fourth.succeeded();
    expect(() => limiter.assertAllowed('dave', '10.0.0.3')).toThrow(RateLimitedError);
  });

  it('reports the lock of an address once, when the failure that fills it is confirmed', () => {
    const now = 5_000_000;
    const limiter = createLoginLimiter({ maxPerUserAddress: 5, maxPerAddress: 3, windowMs: 60_000, now: () => now });
    expect(limiter.begin('a', '10.0.0.4').failed()).toEqual([]);
    expect(limiter.begin('b', '10.0.0.4').failed()).toEqual([]);
    expect(limiter.begin('c', '10.0.0.4').failed()).toEqual([{ scope: 'address', until: new Date(now + 60_000) }]);
    expect(() => limiter.begin('d', '10.0.0.4')).toThrow(RateLimitedError);
  });
});
