import { afterEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from './scheduler';

describe('Debouncer', () => {
  afterEach(() => vi.useRealTimers());

  it('fires after a quiet period, and within the maximum wait while changes never stop', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const fired: number[] = [];
    const d = new Debouncer(() => fired.push(performance.now()), 100, 400);
    d.poke();
    vi.advanceTimersByTime(150);
    expect(fired).toEqual([100]);
    // A page that changes every 50 ms, forever: still handled every 400 ms.
    const start = performance.now();
    for (let t = 0; t < 1000; t += 50) {
      d.poke();
      vi.advanceTimersByTime(50);
    }
    expect(fired.slice(1).map((t) => t - start)).toEqual([400, 800]);
    expect(d.pending).toBe(true);
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveLength(3);
  });
});
