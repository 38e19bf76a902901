// The per-connection token bucket, on a fake clock.
import { describe, expect, it } from 'vitest';

import { RateLimiter } from '../../../chat/rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then the steady rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 500; // one token back
    expect([limiter.take('a'), limiter.take('a')]).toEqual([true, false]);
  });

  it('starts a forgotten key afresh and keeps at most maxKeys buckets', () => {
    const now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 2 }, () => now);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    limiter.forget('a');
    expect(limiter.take('a')).toBe(true);
    limiter.take('b');
    limiter.take('c'); // evicts the least recently used: a
    expect(limiter.take('a')).toBe(true);
  });
});
