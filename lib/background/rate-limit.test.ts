import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, then one per interval, per key', () => {
    let now = 0;
    const limit = new RateLimiter<number>(3, 1_000, () => now);
    expect([1, 2, 3, 4].map(() => limit.take(1))).toEqual([true, true, true, false]);
    expect(limit.take(2)).toBe(true);
    now = 500;
    expect(limit.take(1)).toBe(false);
    now = 1_000;
    expect(limit.take(1)).toBe(true);
    expect(limit.take(1)).toBe(false);
    // A long pause refills to the burst, never beyond.
    now = 60_000;
    expect([1, 2, 3, 4].map(() => limit.take(1))).toEqual([true, true, true, false]);
  });

  it('forgets keys whose bucket has refilled, so many tabs over time keep the map small', () => {
    let now = 0;
    const limit = new RateLimiter<number>(2, 1_000, () => now);
    for (let tab = 0; tab < 1_000; tab++) {
      now += 1_000;
      limit.take(tab);
    }
    expect((limit as unknown as { buckets: Map<number, unknown> }).buckets.size).toBeLessThanOrEqual(65);
  });
});
