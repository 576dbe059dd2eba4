import type { Mulberry32 } from '../random/Mulberry32';
import type { PointMatrix } from './PointMatrix';
import { pickProportional } from './pickProportional';
import { squaredDistance } from './squaredDistance';

/**
 * Greedy k-means++ step, as sklearn does it (and so the reference): draw `trials` candidates ∝ D² and keep
 * the one that lowers the total D² most. A single D² draw lands in an already well-covered region with
 * small but real probability (1 in 400 on three separated squares, seen in a test); a few trials make
 * that vanishingly rare for n·d extra work per trial. `nearest` holds each point's current D².
 */
export function greedyPick(
  points: PointMatrix,
  nearest: Float64Array,
  trials: number,
  rng: Mulberry32,
): { index: number; potential: number } {
  const { data, n, d } = points;
  let best = { index: -1, potential: Infinity };
  for (let t = 0; t < trials; t++) {
    const index = pickProportional(nearest, rng);
    let potential = 0;
    for (let i = 0; i < n; i++) potential += Math.min(nearest[i]!, squaredDistance(data, i * d, data, index * d, d));
    if (potential < best.potential) best = { index, potential };
  }
  return best;
}

/** sklearn's number of local trials for k centres: 2 + ⌊ln k⌋. */
export function greedyTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}
