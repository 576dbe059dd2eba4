import { nearestTwo } from './nearestTwo';
import { squaredDistance } from './squaredDistance';

/**
 * What one assignment pass over a range of points reads and writes. The passes only write labels and
 * bounds of their own points and read the centroid state, so disjoint ranges can run on different threads;
 * the running sums are updated afterwards from the recorded changes (see lloyd.ts).
 */
export interface Bounds {
  readonly x: Float64Array; // (n, d) points
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly c: Float64Array; // (k, d) centroids
  readonly labels: Int32Array; // (n)
  readonly upper: Float64Array; // (n) own-centroid bound − drift[label]
  readonly lower: Float64Array; // (n) other-centroid bound + driftMax
  readonly drift: Float64Array; // (k) total distance each centroid has moved so far
  readonly half: Float64Array; // (k) ½ · distance to the nearest other centroid
  readonly between: Float64Array; // (k, k) centroid-to-centroid distances
}

/*
 * These functions are also the worker thread's code: kmeansWorkerSource.ts sends their source text to the
 * worker, so they may call only each other, squaredDistance and nearestTwo (no other imports, no
 * closures, no nested functions).
 */

/** First assignment of points [from, to): nearest centroid and fresh bounds, no running sums. */
export function initialRange(b: Bounds, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    b.labels[i] = nearestTwo(b.x, i, b.c, b.k, b.d, -1, Infinity, b.between, b.upper, b.lower);
  }
}

/**
 * Hamerly assignment step for points [from, to), skipping points whose bounds show their centroid is still
 * the nearest. Each point that changes cluster is recorded as (i, old label) at changes[2·from ..]; returns
 * how many were recorded.
 */
export function assignRange(b: Bounds, driftMax: number, from: number, to: number, changes: Int32Array): number {
  const { x, d, k, c, labels, upper, lower, drift, half, between } = b;
  let changed = 0;
  for (let i = from; i < to; i++) {
    const a = labels[i]!;
    const bound = Math.max(half[a]!, lower[i]! - driftMax);
    if (upper[i]! + drift[a]! <= bound) continue;
    const own = squaredDistance(x, i * d, c, a * d, d);
    const u = Math.sqrt(own);
    upper[i] = u - drift[a]!;
    if (u <= bound) continue;
    const best = nearestTwo(x, i, c, k, d, a, own, between, upper, lower);
    upper[i]! -= drift[best]!;
    lower[i]! += driftMax;
    if (best !== a) {
      labels[i] = best;
      changes[2 * (from + changed)] = i;
      changes[2 * (from + changed) + 1] = a;
      changed++;
    }
  }
  return changed;
}
