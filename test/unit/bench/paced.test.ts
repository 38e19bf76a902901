// Open-loop pacing with a warm-up ramp: which operation is due when.
import { describe, expect, it } from 'vitest';

import { dueIndex } from '../../../bench/lib/paced';

const S = 1_000_000; // µs

describe('dueIndex', () => {
  it('issues operation i at i/rate without a ramp, the first at once', () => {
    expect([0, 0.5, 1, 2.5].map((t) => dueIndex(100, t * S))).toEqual([0, 50, 100, 250]);
    expect(dueIndex(100, -S)).toBe(0);
  });

  it('climbs linearly to the rate over the ramp, then keeps the rate', () => {
    // 2 s ramp at 100/s: 100 operations during the ramp (half the full rate's 200), then 100/s.
    expect([0, 1, 2, 3, 4].map((t) => dueIndex(100, t * S, 2 * S))).toEqual([0, 25, 100, 200, 300]);
    const perSecond = [1, 2, 3, 4].map(
      (t) => dueIndex(100, t * S, 2 * S) - dueIndex(100, (t - 1) * S, 2 * S),
    );
    expect(perSecond).toEqual([25, 75, 100, 100]);
  });
});
