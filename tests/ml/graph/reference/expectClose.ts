import { expect } from 'vitest';

/**
 * Max-norm relative error: max|a − e| / max(max|e|, 1e-30). One number per tensor, so outputs that
 * cross zero (sin, sums with cancellation) are judged against the tensor's scale, not each element's.
 */
export function relativeError(actual: ArrayLike<number | bigint>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = expected[i] as number;
    if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e) ? 0 : Infinity;
    maxDiff = Math.max(maxDiff, Math.abs(a - e));
    maxRef = Math.max(maxRef, Math.abs(e));
  }
  return maxDiff / Math.max(maxRef, 1e-30);
}

export function expectClose(actual: ArrayLike<number | bigint>, expected: ArrayLike<number>, tolerance: number): void {
  expect(relativeError(actual, expected)).toBeLessThanOrEqual(tolerance);
}

/** Stated tolerances: float32 round-off vs the float64 reference; float64 runs are near-exact. */
export const TOL = { float32: 1e-5, float64: 1e-10 } as const;
