import { splitMix32 } from '../random/splitMix32.js';

/**
 * A 32-bit seed from a root seed and integer coordinates (step, question …), by chaining SplitMix32.
 * Generation streams are derived, not stored: a resumed run re-derives the same seed for the same
 * (step, question), so it samples the same responses without any generator state in the checkpoint.
 */
export function deriveSeed(root: number, ...coordinates: readonly number[]): number {
  let state = root >>> 0;
  for (const c of coordinates) {
    const [out] = splitMix32((state ^ Math.imul(c + 1, 0x9e3779b1)) >>> 0);
    state = out;
  }
  return state;
}
