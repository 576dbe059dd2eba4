import type { PointMatrix } from './PointMatrix';

/** Mean over features of the population variance: the scale of sklearn's tol. */
export function meanFeatureVariance(points: PointMatrix): number {
  const { data: x, n, d } = points;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + t]!;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * d + t]! - mean) ** 2;
    total += ss / n;
  }
  return total / d;
}
