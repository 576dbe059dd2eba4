import type { PointMatrix } from './PointMatrix';

/**
 * Number of distinct rows (exact equality, +0 and −0 equal, as np.unique(axis=0) counts them), counting
 * stops at `limit`. The elbow sweep only needs min(K_max, #unique), so with K_max = 10 this usually reads
 * a few dozen rows instead of hashing the whole history.
 */
export function countUniqueRows(points: PointMatrix, limit = Infinity): number {
  const { data, n, d } = points;
  const buckets = new Map<number, number[]>(); // row hash → first row index of each distinct row
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let unique = 0;
  for (let i = 0; i < n && unique < limit; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < d; j++) {
      bits[0] = data[i * d + j]! + 0; // + 0 turns −0 into +0 so both hash alike
      h = Math.imul(h ^ words[0]!, 0x01000193);
      h = Math.imul(h ^ words[1]!, 0x01000193);
    }
    const rows = buckets.get(h);
    if (rows?.some((r) => rowsEqual(data, r, i, d))) continue;
    if (rows) rows.push(i);
    else buckets.set(h, [i]);
    unique++;
  }
  return unique;
}

function rowsEqual(data: Float64Array, a: number, b: number, d: number): boolean {
  for (let j = 0; j < d; j++) if (data[a * d + j] !== data[b * d + j]) return false;
  return true;
}
