import { describe, expect, it } from 'vitest';
import { selectSlices } from '../../../src-main/ml/preprocess/selectSlices';
import { DEFAULT_VOLUME_SETTINGS } from '../../../src-main/ml/preprocess/volumeSettings';

describe('selectSlices', () => {
  it('default is 4 evenly spaced with both ends: 28 slices → round(i·27/3) = 0, 9, 18, 27', () => {
    expect(selectSlices(28)).toEqual([0, 9, 18, 27]);
  });

  it('evenly spaced rounds i·(n−1)/(count−1): 11 slices, 4 → 0, 3.33→3, 6.67→7, 10; 4 slices, 3 → 0, 1.5→2, 3', () => {
    expect(selectSlices(11, { strategy: 'evenly-spaced', count: 4 })).toEqual([0, 3, 7, 10]);
    expect(selectSlices(4, { strategy: 'evenly-spaced', count: 3 })).toEqual([0, 2, 3]);
  });

  it('count 1 is the middle slice; count ≥ n is every slice', () => {
    expect(selectSlices(28, { strategy: 'evenly-spaced', count: 1 })).toEqual([13]);
    expect(selectSlices(3, { strategy: 'evenly-spaced', count: 5 })).toEqual([0, 1, 2]);
  });

  it("'first-last' is the reference behaviour", () => {
    expect(selectSlices(40, { strategy: 'first-last', count: 99 })).toEqual([0, 39]);
    expect(selectSlices(1, { strategy: 'first-last', count: 2 })).toEqual([0]);
  });

  it('rejects bad input', () => {
    expect(() => selectSlices(0)).toThrow(RangeError);
    expect(() => selectSlices(10, { strategy: 'evenly-spaced', count: 0 })).toThrow(RangeError);
  });

  it('CT volumes default to the W700/L80 window of the reference data prep', () => {
    expect(DEFAULT_VOLUME_SETTINGS.ctWindow).toEqual({ center: 80, width: 700 });
  });
});
