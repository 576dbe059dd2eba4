/**
 * Unbiased (n − 1) standard deviation, as torch.std computes it in the reference. Fewer than two values
 * have no spread to estimate; 0 is returned instead of NaN so that callers dividing by (std + ε) keep
 * zero advantages at zero.
 */
export function sampleStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dev = values[i]! - mean;
    ss += dev * dev;
  }
  return Math.sqrt(ss / (n - 1));
}
