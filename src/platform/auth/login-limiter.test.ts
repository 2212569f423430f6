import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.js';
import { createLoginLimiter } from './login-limiter.js';

describe('login limiter', () => {
  it('locks a user at an address after the limit, for the rest of the window only', () => {
    let now = 1_000_000;
    const limiter = createLoginLimiter({ maxPerUserAddress: 3, maxPerAddress: 10, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      limiter.assertAllowed('Alice', '10.0.0.1');
      limiter.recordFailure('alice', '10.0.0.1');
    }
    expect(() => limiter.assertAllowed('alice', '10.0.0.1')).toThrow(RateLimitedError);
    limiter.assertAllowed('alice', '10.0.0.2');
    limiter.assertAllowed('bob', '10.0.0.1');
    now += 30_000;
    try {
      limiter.assertAllowed('alice', '10.0.0.1');
      expect.unreachable();
    } catch (error) {
      expect((error as RateLimitedError).retryAfterSeconds).toBe(30);
    }
    now += 30_001;
    limiter.assertAllowed('alice', '10.0.0.1');
  });

  it('locks an address spraying many usernames, and forgives a user after a success', () => {
    const limiter = createLoginLimiter({ maxPerUserAddress: 3, maxPerAddress: 5, windowMs: 60_000 });
    limiter.recordFailure('carol', '10.0.0.9');
    limiter.recordFailure('carol', '10.0.0.9');
    limiter.recordSuccess('carol', '10.0.0.9');
    limiter.recordFailure('carol', '10.0.0.9');
    limiter.assertAllowed('carol', '10.0.0.9');
    for (const user of ['u1', 'u2', 'u3']) limiter.recordFailure(user, '10.0.0.9');
    expect(() => limiter.assertAllowed('someone-new', '10.0.0.9')).toThrow(RateLimitedError);
  });
});
