import type { Mulberry32 } from '../random/Mulberry32';
import type { PointMatrix } from './PointMatrix';
import { pickProportional } from './pickProportional';
import { squaredDistance } from './squaredDistance';

/**
 * Where `nearest` comes from, when it is each point's squared distance to its own centroid of a fit:
 * nearest[i] = squaredDistance(x_i, centroids[labels[i]]) exactly (KMeansFit.pointSse).
 */
export interface NearestOwner {
  readonly labels: Int32Array;
  readonly centroids: Float64Array; // (k, d)
  readonly k: number;
}

/**
 * Greedy k-means++ step, as sklearn does it (and so the reference): draw `trials` candidates ∝ D² and keep
 * the one that lowers the total D² most. A single D² draw lands in an already well-covered region with
 * small but real probability (1 in 400 on three separated squares, seen in a test); a few trials make
 * that vanishingly rare for n·d extra work per trial. `nearest` holds each point's current D².
 *
 * With `owner`, most distances to a candidate are never computed: if the candidate is at least twice as
 * far from point i's centroid as the point is, the triangle inequality puts it farther from the point
 * than that centroid, so min(D², distance²) is D² itself. A relative margin of 1e-9 (far above the
 * ~1e-15 rounding of the distances) makes the skipped terms exactly the values the full scan would add,
 * so the potentials, and the pick, are bit-identical.
 */
export function greedyPick(
  points: PointMatrix,
  nearest: Float64Array,
  trials: number,
  rng: Mulberry32,
  owner?: NearestOwner,
): { index: number; potential: number } {
  const { data, n, d } = points;
  // reach[i]: how far the candidate must be from point i's centroid to be provably no nearer than it.
  let reach: Float64Array | null = null;
  let toCandidate: Float64Array | null = null;
  if (owner) {
    reach = new Float64Array(n);
    for (let i = 0; i < n; i++) reach[i] = 2 * Math.sqrt(nearest[i]!) * (1 + 1e-9);
    toCandidate = new Float64Array(owner.k);
  }
  let best = { index: -1, potential: Infinity };
  for (let t = 0; t < trials; t++) {
    const index = pickProportional(nearest, rng);
    const potential =
      owner && reach && toCandidate
        ? prunedPotential(points, nearest, index, owner, reach, toCandidate)
        : fullPotential(data, n, d, nearest, index);
    if (potential < best.potential) best = { index, potential };
  }
  return best;
}

/** Σ_i min(nearest[i], ‖x_i − x_index‖²), every distance computed. */
function fullPotential(data: Float64Array, n: number, d: number, nearest: Float64Array, index: number): number {
  let potential = 0;
  for (let i = 0; i < n; i++) potential += Math.min(nearest[i]!, squaredDistance(data, i * d, data, index * d, d));
  return potential;
}

/** The same sum, skipping the distances the triangle inequality settles (see greedyPick). */
function prunedPotential(
  points: PointMatrix,
  nearest: Float64Array,
  index: number,
  owner: NearestOwner,
  reach: Float64Array,
  toCandidate: Float64Array,
): number {
  const { data, n, d } = points;
  const { labels, centroids, k } = owner;
  for (let j = 0; j < k; j++) toCandidate[j] = Math.sqrt(squaredDistance(data, index * d, centroids, j * d, d));
  let potential = 0;
  for (let i = 0; i < n; i++) {
    if (toCandidate[labels[i]!]! >= reach[i]!) potential += nearest[i]!;
    else potential += Math.min(nearest[i]!, squaredDistance(data, i * d, data, index * d, d));
  }
  return potential;
}

/** sklearn's number of local trials for k centres: 2 + ⌊ln k⌋. */
export function greedyTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}
