import { expect } from 'vitest';

/** Element-wise toBeCloseTo with a message naming the index that differs. */
export function expectClose(actual: readonly number[], expected: readonly number[], digits = 9): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i], `index ${i}`).toBeCloseTo(e, digits));
}
