import type { Mulberry32 } from '../random/Mulberry32';
import type { PointMatrix } from './PointMatrix';
import { greedyPick, greedyTrials } from './greedyPick';
import { squaredDistance } from './squaredDistance';

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre uniformly, each next one drawn
 * ∝ D², the squared distance to the nearest centre so far, greedily best of 2 + ⌊ln k⌋ draws as in
 * sklearn. Returns (k, d) centroids.
 */
export function kmeansPlusPlusInit(points: PointMatrix, k: number, rng: Mulberry32): Float64Array {
  const { data, n, d } = points;
  if (k < 1 || k > n) throw new RangeError(`kmeansPlusPlusInit: k = ${k} with ${n} points`);
  const centroids = new Float64Array(k * d);
  const first = Math.min(n - 1, Math.floor(rng.next() * n));
  centroids.set(data.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = squaredDistance(data, i * d, centroids, 0, d);
  for (let c = 1; c < k; c++) {
    const pick = greedyPick(points, nearest, greedyTrials(k), rng).index;
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
    for (let i = 0; i < n; i++) {
      const dist = squaredDistance(data, i * d, centroids, c * d, d);
      if (dist < nearest[i]!) nearest[i] = dist;
    }
  }
  return centroids;
}
