import { describe, expect, it } from 'vitest';
import { logSoftmax, logSumExp } from '../../../src-main/ml/generation/logSoftmax';
import { sequenceLogProb } from '../../../src-main/ml/generation/sequenceLogProb';
import { softmax } from '../../../src-main/ml/generation/softmax';

describe('softmax / logSoftmax', () => {
  it('softmax([0, ln 3]) = [1/4, 3/4]; −Infinity gets 0', () => {
    const p = softmax(Float32Array.from([0, Math.log(3), -Infinity]));
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
    expect(p[2]).toBe(0);
  });

  it('logSoftmax([0, ln 3]) = [ln 1/4, ln 3/4], stable for huge logits', () => {
    const l = logSoftmax([0, Math.log(3)]);
    expect(l[0]).toBeCloseTo(Math.log(0.25), 12);
    expect(l[1]).toBeCloseTo(Math.log(0.75), 12);
    // 1000 + ln 2 would overflow a naive exp().
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 9);
  });
});

describe('sequenceLogProb', () => {
  it('sums per-token log-probs of a (T, V) logits block', () => {
    // row 0 = [0, 0, 0] → uniform, token 2: ln(1/3).
    // row 1 = [0, ln 2, 0] → [1/4, 1/2, 1/4], token 1: ln(1/2).   total = −ln 6.
    const logits = Float32Array.from([0, 0, 0, 0, Math.log(2), 0]);
    const { perToken, total } = sequenceLogProb(logits, 3, [2, 1]);
    expect(perToken[0]).toBeCloseTo(-Math.log(3), 6);
    expect(perToken[1]).toBeCloseTo(-Math.log(2), 6);
    expect(total).toBeCloseTo(-Math.log(6), 6);
  });

  it('applies the sampling temperature first', () => {
    // [0, 2 ln 3, 0] / 2 = [0, ln 3, 0] → [1/5, 3/5, 1/5]; token 1: ln(3/5).
    const { total } = sequenceLogProb(Float32Array.from([0, 2 * Math.log(3), 0]), 3, [1], 2);
    expect(total).toBeCloseTo(Math.log(3 / 5), 6);
  });

  it('rejects mismatched shapes and out-of-range ids', () => {
    expect(() => sequenceLogProb(new Float32Array(5), 3, [0, 1])).toThrow(/not 2 × 3/);
    expect(() => sequenceLogProb(new Float32Array(3), 3, [3])).toThrow(/outside/);
  });
});
