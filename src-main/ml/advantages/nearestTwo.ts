import { squaredDistance } from './squaredDistance';

/**
 * Nearest centroid of point i, writing the distance to it into upper[i] and a lower bound on the
 * distance to every other centroid into lower[i]. `prefer` (the current cluster, or −1) wins ties so a
 * point never hops between equidistant centroids; `preferDist` is the squared distance to it, which the
 * caller has just computed (recomputing it was a fifth of all distances in a sweep).
 *
 * Elkan's lemma prunes the scan: if ‖c_best − c_j‖ ≥ 2·‖x − c_best‖ then c_j cannot be nearer, and
 * ‖c_best − c_j‖ − ‖x − c_best‖ bounds its distance from below. Points that reach this scan sit between
 * two or three clusters, so most of the k distances are skipped.
 */
export function nearestTwo(
  x: Float64Array,
  i: number,
  c: Float64Array,
  k: number,
  d: number,
  prefer: number,
  preferDist: number,
  between: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
): number {
  let j1 = prefer;
  let d1 = prefer >= 0 ? preferDist : Infinity;
  let r1 = Math.sqrt(d1);
  let d2 = Infinity; // exact squared distance to the runner-up among centroids measured
  let bound2 = Infinity; // lower bound on the distance to centroids skipped
  for (let j = 0; j < k; j++) {
    if (j === prefer) continue;
    if (j1 >= 0) {
      const gap = between[j1 * k + j]!;
      if (gap >= 2 * r1) {
        bound2 = Math.min(bound2, gap - r1);
        continue;
      }
    }
    const dist = squaredDistance(x, i * d, c, j * d, d);
    if (dist < d1) {
      d2 = d1;
      d1 = dist;
      r1 = Math.sqrt(dist);
      j1 = j;
    } else if (dist < d2) d2 = dist;
  }
  upper[i] = r1;
  lower[i] = Math.min(Math.sqrt(d2), bound2);
  return j1;
}
