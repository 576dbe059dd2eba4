import { describe, expect, it } from 'vitest';
import { grpoAdvantages } from '../../../src-main/ml/advantages/grpoAdvantages';
import { sampleStd } from '../../../src-main/ml/advantages/sampleStd';
import { expectClose } from './expectClose';

const EPS = 1e-6;

describe('grpoAdvantages', () => {
  it('normalises within a group with the unbiased std', () => {
    // rewards [1,0,0,1,1]: mean = 3/5 = 0.6; deviations [0.4,−0.6,−0.6,0.4,0.4]
    // Σdev² = 3·0.16 + 2·0.36 = 1.2; unbiased var = 1.2/4 = 0.3; std = √0.3 = 0.5477225575
    // A = dev / (0.5477225575 + 1e-6): 0.4/0.5477235575 = 0.7302954100, −0.6/0.5477235575 = −1.0954431150
    const a = grpoAdvantages([1, 0, 0, 1, 1], ['q', 'q', 'q', 'q', 'q']);
    expectClose(a, [0.73029541, -1.095443115, -1.095443115, 0.73029541, 0.73029541], 8);
  });

  it('keeps groups apart, whatever the order of their responses', () => {
    // group 7: [1, 0] → mean 0.5, dev ±0.5, var = 0.5/1, std = 0.7071067812 → ±0.5/0.7071077812 = ±0.7071057812
    // group "b": [0.2, 0.4, 0.9] → mean 0.5; dev [−0.3, −0.1, 0.4]; Σdev² = 0.09+0.01+0.16 = 0.26;
    //   var = 0.13, std = 0.3605551275 → dev/0.3605561275 = [−0.8320480, −0.2773493, 1.1093973]
    const a = grpoAdvantages([0.2, 1, 0.4, 0, 0.9], ['b', 7, 'b', 7, 'b']);
    expectClose(a, [-0.83204799, 0.70710578, -0.27734933, -0.70710578, 1.10939732], 7);
  });

  it('treats the number 1 and the string "1" as different groups', () => {
    // each group holds one response → advantage 0 (see below), not the ±0.707 of a merged group
    expect(grpoAdvantages([1, 0], [1, '1'])).toEqual([0, 0]);
  });

  it('gives 0 to a group of one response (unbiased std undefined) and to all-equal rewards', () => {
    // size 1: std would be 0/0; equal rewards [0.1,0.1,0.1]: float mean 0.10000000000000002 would leave
    // (0.1 − mean)/ε ≈ −1.4e-11 — both are defined as exactly 0.
    expect(grpoAdvantages([0.7, 0.1, 0.1, 0.1], ['solo', 'same', 'same', 'same'])).toEqual([0, 0, 0, 0]);
  });

  it('uses the given ε', () => {
    // [1, 0]: dev ±0.5, std 0.7071067812; with ε = 0.2929 the denominator is ≈ 1 → ±0.5
    const a = grpoAdvantages([1, 0], ['q', 'q'], 1 - Math.SQRT1_2);
    expectClose(a, [0.5, -0.5], 12);
    expect(EPS).toBe(1e-6);
  });

  it('rejects mismatched lengths and non-finite rewards', () => {
    expect(() => grpoAdvantages([1, 0], ['q'])).toThrow(RangeError);
    expect(() => grpoAdvantages([1, Number.NaN], ['q', 'q'])).toThrow(RangeError);
  });
});

describe('sampleStd', () => {
  it('is the n − 1 std, and 0 below two values', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, Σdev² = 9+1+1+1+0+0+4+16 = 32, var = 32/7 → std = 2.1380899
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStd([3])).toBe(0);
    expect(sampleStd([])).toBe(0);
  });
});
