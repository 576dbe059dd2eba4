import { describe, expect, it } from 'vitest';
import { BREAK, decimateMinMax } from '../../../src-renderer/src/ecg/decimateMinMax';

describe('decimateMinMax', () => {
  it('keeps every sample at or below one sample per column', () => {
    expect(decimateMinMax([5, 6, 7, 8], 0, 3, 1)).toEqual([0, 1, 2, 3]);
    expect(decimateMinMax([5, 6, 7, 8], 1, 2, 0.25)).toEqual([1, 2]);
  });

  it('keeps the exact min and max of each column, a one-sample spike included', () => {
    // 4 columns of 5 samples; column 1 holds a single-sample 1500 µV spike at index 7 and a dip at 9.
    const samples = [0, 1, 2, 1, 0, 0, 3, 1500, 2, -40, 0, 0, 0, 0, 0, 10, 20, 30, 40, 50];
    const kept = decimateMinMax(samples, 0, samples.length - 1, 5);
    expect(kept).toEqual([0, 2, 7, 9, 10, 15, 19]);
    expect(kept.map((i) => samples[i])).toContain(1500);
    expect(kept.map((i) => samples[i])).toContain(-40);
    // Per column, the kept values are that column's exact extremes.
    for (let column = 0; column < 4; column++) {
      const slice = samples.slice(column * 5, column * 5 + 5);
      const keptHere = kept.filter((i) => i >= column * 5 && i < column * 5 + 5).map((i) => samples[i] ?? Number.NaN);
      expect(Math.max(...keptHere)).toBe(Math.max(...slice));
      expect(Math.min(...keptHere)).toBe(Math.min(...slice));
    }
  });

  it('emits each column min and max in time order, so the stroke follows the signal', () => {
    // Max before min in the first column, min before max in the second.
    expect(decimateMinMax([0, 9, -9, 0, 0, -5, 5, 0], 0, 7, 4)).toEqual([1, 2, 5, 6]);
  });

  it('handles a fractional number of samples per column without drifting', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i);
    const kept = decimateMinMax(samples, 0, 99, 2.5);
    // 40 columns of 2 or 3 samples, each keeping its first and last (monotonic ramp).
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(99);
    expect(kept).toHaveLength(80);
  });

  it('breaks the path at non-finite samples (gaps)', () => {
    expect(decimateMinMax([1, 2, Number.NaN, Number.NaN, 3, 4], 0, 5, 1)).toEqual([0, 1, BREAK, 4, 5]);
    expect(decimateMinMax([Number.NaN, 1, 2], 0, 2, 1)).toEqual([1, 2]);
    expect(decimateMinMax([1, 2, Number.NaN], 0, 2, 1)).toEqual([0, 1]);
  });
});
