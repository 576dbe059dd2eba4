import { describe, expect, it } from 'vitest';
import { ThreadBackoff } from '../../../src-main/ml/advantages/threadBackoff';

/** How many tryThreads() calls in a row say no before one says yes. */
function skipsBeforeNextTry(b: ThreadBackoff): number {
  let skips = 0;
  while (!b.tryThreads()) skips++;
  return skips;
}

describe('ThreadBackoff', () => {
  it('keeps threads while sweeps get ≥ 1.25 × their wall time in CPU', () => {
    const b = new ThreadBackoff();
    expect(b.tryThreads()).toBe(true);
    b.record(150, 100); // 1.5 cores on average
    expect(b.tryThreads()).toBe(true);
    b.record(125, 100); // exactly the threshold
    expect(b.tryThreads()).toBe(true);
  });

  it('pauses 4 sweeps after a sweep below 1.25, doubles the pause on each further failure up to 64, resets on success', () => {
    const b = new ThreadBackoff();
    b.record(120, 100); // 1.2: about one core's worth
    expect(skipsBeforeNextTry(b)).toBe(4);
    b.record(100, 100);
    expect(skipsBeforeNextTry(b)).toBe(8);
    for (const expected of [16, 32, 64, 64]) {
      b.record(90, 100);
      expect(skipsBeforeNextTry(b)).toBe(expected);
    }
    b.record(180, 100); // threads paid again
    expect(b.tryThreads()).toBe(true);
    b.record(100, 100);
    expect(skipsBeforeNextTry(b)).toBe(4);
  });
});
