import type { Mulberry32 } from '../random/Mulberry32';

/**
 * Draws an index with probability weights[i] / total (the k-means++ D² draw). Always consumes exactly one
 * random number so the stream stays aligned whatever the weights. If every weight is 0 there is nothing
 * to prefer and index 0 is returned.
 */
export function pickProportional(weights: ArrayLike<number>, rng: Mulberry32): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const target = rng.next() * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    acc += w;
    last = i;
    if (target < acc) return i;
  }
  // Rounding can leave target ≥ the running sum at the end: the last positive weight then wins.
  return last;
}
