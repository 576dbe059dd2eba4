import { countUniqueRows } from './countUniqueRows';
import { elbowK } from './elbowK';
import { type KMeansFit, type LloydOptions, lloyd } from './lloyd';
import type { Mulberry32 } from '../random/Mulberry32';
import type { PointMatrix } from './PointMatrix';
import { greedyPick, greedyTrials } from './greedyPick';
import { meanFeatureVariance } from './meanFeatureVariance';
import { squaredDistance } from './squaredDistance';
import { threadedPasses } from './kmeansThreads';

export interface SweepOptions {
  kMax: number;
  rng: Mulberry32;
  /** previous[k − 1]: centroids (k, d) this sweep found for k at the last training step, if any. */
  previous?: readonly (Float64Array | undefined)[];
  maxIter?: number;
  /**
   * Stop as soon as the elbow rule has decided: it returns the FIRST k whose next drop is small, so once
   * that happens the later fits cannot change K. The result then ends at that k + 1. Exact, not a heuristic.
   */
  stopAtElbow?: boolean;
  /**
   * Run the passes over the points on the shared worker pool (kmeansThreads.ts) when the input is large
   * enough; default true. The fits are bit-identical either way; false keeps the sweep on this thread.
   */
  threads?: boolean;
}

/**
 * K-means for k = 1..min(kMax, #unique rows), each fit warm-started, as the elbow rule needs.
 *
 * k = 1 is the mean (exact). For k ≥ 2 two starts are candidates and the one with the lower initial SSE
 * is refined with Lloyd:
 *  - chain: the k − 1 solution plus one greedy k-means++ pick (best of 2 + ⌊ln k⌋ points drawn ∝ their
 *    squared distance to their k − 1 centroid). Adding a centre can only lower SSE, and Lloyd never raises it, so SSE_k ≤ SSE_{k−1}
 *    always holds and the elbow drops are never negative;
 *  - the previous training step's k-solution: history grows by one batch per step, so these are
 *    nearly converged and Lloyd usually stops after one or two passes.
 * Because the chosen start is never worse than the chain, the monotone guarantee survives the reuse.
 * The same random numbers are drawn whichever start wins, so the stream does not depend on the choice.
 */
export function kmeansSweep(points: PointMatrix, options: SweepOptions): KMeansFit[] {
  const kCap = Math.min(options.kMax, countUniqueRows(points, options.kMax));
  if (kCap < 1) throw new RangeError('kmeansSweep: no points');
  const passes = (options.threads ?? true) ? threadedPasses(points, kCap) : undefined;
  // Every fit scales its tolerance by the same data variance: computed once here, not once per k.
  const lloydOptions = { maxIter: options.maxIter, featureVariance: meanFeatureVariance(points), passes };
  try {
    return sweep(points, options, kCap, lloydOptions);
  } finally {
    passes?.finish?.();
  }
}

/** The fits for k = 1..kCap (see kmeansSweep). */
function sweep(points: PointMatrix, options: SweepOptions, kCap: number, lloydOptions: LloydOptions): KMeansFit[] {
  const { data, d } = points;
  const fits = [lloyd(points, columnMeans(points), 1, lloydOptions)];
  for (let k = 2; k <= kCap; k++) {
    const prev = fits[k - 2]!;
    const pick = greedyPick(points, prev.pointSse, greedyTrials(k), options.rng, { labels: prev.labels, centroids: prev.centroids, k: k - 1 });
    const chain = new Float64Array(k * d);
    chain.set(prev.centroids, 0);
    chain.set(data.subarray(pick.index * d, pick.index * d + d), (k - 1) * d);
    const chainSse = pick.potential;

    let init: Float64Array = chain;
    const reuse = options.previous?.[k - 1];
    if (reuse && reuse.length === k * d && assignmentSse(points, reuse, k) < chainSse) init = reuse;
    fits.push(lloyd(points, init, k, lloydOptions));
    if (options.stopAtElbow && elbowK(fits.map((f) => f.sse)) < fits.length) break;
  }
  return fits;
}

function columnMeans(points: PointMatrix): Float64Array {
  const { data, n, d } = points;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t]! += data[i * d + t]!;
  for (let t = 0; t < d; t++) mean[t]! /= n;
  return mean;
}

/** SSE of assigning every point to its nearest of the given centroids (no update step). */
function assignmentSse(points: PointMatrix, centroids: Float64Array, k: number): number {
  const { data, n, d } = points;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < k; j++) best = Math.min(best, squaredDistance(data, i * d, centroids, j * d, d));
    sse += best;
  }
  return sse;
}
