/**
 * One step of SplitMix32 (a 32-bit variant of SplitMix64): advances `state` by the golden-ratio increment
 * and returns [output, nextState]. Used only to expand a small seed into a full xoshiro state — feeding a
 * seed like 0 or 1 straight into xoshiro would start it in a near-zero, poorly mixed state.
 */
export function splitMix32(state: number): [output: number, nextState: number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [(z ^ (z >>> 16)) >>> 0, next];
}
