/** Moves point i from cluster `from` (−1: none) to cluster `to` in the running sums and counts. */
export function moveMember(
  x: Float64Array,
  i: number,
  d: number,
  from: number,
  to: number,
  sums: Float64Array,
  counts: Int32Array,
): void {
  for (let t = 0; t < d; t++) {
    const v = x[i * d + t]!;
    if (from >= 0) sums[from * d + t]! -= v;
    sums[to * d + t]! += v;
  }
  if (from >= 0) counts[from]!--;
  counts[to]!++;
}
