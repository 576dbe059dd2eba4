import { describe, expect, it } from 'vitest';
import { elbowK } from '../../../src-main/ml/advantages/elbowK';

// The rule: drops Δ_i = sse[i] − sse[i+1]; return i + 1 for the first i ≥ 1 with Δ_i < 0.1·Δ_{i−1}, else K_cap.
describe('elbowK (reference rule)', () => {
  it('returns 1 for a single fit and 2 for two fits, whatever the drop', () => {
    expect(elbowK([5])).toBe(1);
    expect(elbowK([5, 4.9])).toBe(2); // no i ≥ 1 exists → K_cap = 2
    expect(elbowK([5, 5])).toBe(2);
  });

  it('stops at the first sharp flattening', () => {
    // [100, 20, 15, 14]: drops [80, 5, 1]; i=1: 5 < 8 → return 2
    expect(elbowK([100, 20, 15, 14])).toBe(2);
    // [100, 60, 30, 28, 27.9]: drops [40, 30, 2, 0.1]; i=1: 30 < 4? no; i=2: 2 < 3 → return 3
    expect(elbowK([100, 60, 30, 28, 27.9])).toBe(3);
  });

  it('uses a strict comparison: a drop of exactly 10% does not stop', () => {
    // [100, 90, 89, 88.95]: drops [10, 1, 0.05]; i=1: 1 < 1? no; i=2: 0.05 < 0.1 → return 3
    expect(elbowK([100, 90, 89, 88.95])).toBe(3);
    // exact tie in binary too: [80, 40, 36]: drops [40, 4]; 4 < 0.1·40 (= 4 in float64)? no → K_cap 3
    expect(elbowK([80, 40, 36])).toBe(3);
  });

  it('returns K_cap for a steady (monotone, geometric) decrease', () => {
    // [100, 50, 25, 12.5, 6.25]: drops [50, 25, 12.5, 6.25]; each is half the previous → never < 10%
    expect(elbowK([100, 50, 25, 12.5, 6.25])).toBe(5);
  });

  it('handles flat tails: 0 < 0.1·0 is false, but 0 < 0.1·positive is true', () => {
    // [4, 0, 0, 0]: drops [4, 0, 0]; i=1: 0 < 0.4 → 2
    expect(elbowK([4, 0, 0, 0])).toBe(2);
    // [3, 3, 3]: drops [0, 0]; i=1: 0 < 0 → false → K_cap 3
    expect(elbowK([3, 3, 3])).toBe(3);
  });

  it('follows the reference even when SSE rises (a drop below zero)', () => {
    // [10, 12, 5]: drops [−2, 7]; i=1: 7 < −0.2? no → 3.   [10, 5, 6]: drops [5, −1]; −1 < 0.5 → 2
    expect(elbowK([10, 12, 5])).toBe(3);
    expect(elbowK([10, 5, 6])).toBe(2);
  });

  it('rejects an empty list', () => {
    expect(() => elbowK([])).toThrow(RangeError);
  });
});
