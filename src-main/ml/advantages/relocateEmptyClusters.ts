import { moveMember } from './moveMember';
import { squaredDistance } from './squaredDistance';

/**
 * Re-seeds each empty cluster with the point farthest from its own centroid among clusters of two or
 * more points. Returns whether anything moved (the caller must then drop its distance bounds).
 */
export function relocateEmptyClusters(
  x: Float64Array,
  d: number,
  k: number,
  c: Float64Array,
  labels: Int32Array,
  counts: Int32Array,
  sums: Float64Array,
): boolean {
  let relocated = false;
  for (let j = 0; j < k; j++) {
    if (counts[j] !== 0) continue;
    let far = -1;
    let farDist = 0;
    for (let i = 0; i < labels.length; i++) {
      const a = labels[i]!;
      if (counts[a]! < 2) continue;
      const dist = squaredDistance(x, i * d, c, a * d, d);
      if (dist > farDist) {
        farDist = dist;
        far = i;
      }
    }
    if (far < 0) continue;
    moveMember(x, far, d, labels[far]!, j, sums, counts);
    labels[far] = j;
    relocated = true;
  }
  return relocated;
}
