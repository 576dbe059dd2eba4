import { InThreadPasses, type PointPasses } from './pointPasses';
import type { Bounds } from './assignKernels';
import type { PointMatrix } from './PointMatrix';
import { KmeansThreadsFailed } from './kmeansThreadsFailed';
import { centroidDistances } from './centroidDistances';
import { meanFeatureVariance } from './meanFeatureVariance';
import { moveMember } from './moveMember';
import { relocateEmptyClusters } from './relocateEmptyClusters';
import { squaredDistance } from './squaredDistance';

/** One K-means solution. */
export interface KMeansFit {
  readonly k: number;
  readonly centroids: Float64Array; // (k, d): exact means of the final clusters
  readonly labels: Int32Array; // (n): cluster of each point
  readonly sizes: Int32Array; // (k): points per cluster
  readonly pointSse: Float64Array; // (n): squared distance of each point to its own centroid
  readonly sse: number; // Σ pointSse, sklearn's inertia_
  readonly iterations: number;
  readonly converged: boolean; // false when maxIter stopped it
}

export interface LloydOptions {
  maxIter?: number; // 300, sklearn's default; warm-started fits converge in a handful
  /**
   * sklearn's tol (default 1e-4): also stop once Σ_j ‖Δc_j‖² ≤ tol · mean per-feature variance. The last
   * iterations of Lloyd move a few boundary points and the centroids by far less than any reward
   * resolution, so this early exit saves most of the time at no visible cost. 0 = run until no point moves.
   */
  tol?: number;
  /**
   * meanFeatureVariance(points) when the caller already has it (the scale of tol): a sweep fits the same
   * points ten times, and recomputing it was two passes over the data per fit. Must be that exact value.
   */
  featureVariance?: number;
  /**
   * Where the passes over the points run (kmeansSweep hands in its thread session); default: this thread.
   * Every choice gives the same fit bit for bit. If the threads fail, the fit is redone on this thread.
   */
  passes?: PointPasses;
}

/**
 * Lloyd's algorithm from the given (k, d) initial centroids until no point changes cluster, accelerated
 * with Hamerly's bounds (one upper bound to the own centroid, one lower bound to all others, plus half the
 * distance to the nearest other centroid). A point whose bounds prove it cannot switch is skipped without
 * computing any distance; after the first few iterations that is almost every point, so late iterations
 * cost O(n) instead of O(n·k·d). The bounds only skip work: the result is the same partition plain Lloyd
 * reaches from the same start (ties stay with the current centroid).
 *
 * A cluster that goes empty is re-seeded with the point farthest from its centroid (as sklearn does),
 * taken from a cluster that keeps at least one member.
 */
export function lloyd(points: PointMatrix, init: Float64Array, k: number, options: LloydOptions = {}): KMeansFit {
  const { n, d } = points;
  const maxIter = options.maxIter ?? 300;
  const shiftTol = (options.tol ?? 1e-4) * (options.featureVariance ?? meanFeatureVariance(points));
  if (n === 0) throw new RangeError('lloyd: no points');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`lloyd: k = ${k}`);
  if (init.length !== k * d) throw new RangeError(`lloyd: init has ${init.length} values, expected ${k * d}`);

  const passes = options.passes ?? new InThreadPasses(n);
  try {
    return lloydWith(points, init, k, maxIter, shiftTol, passes);
  } catch (error) {
    // A dead worker leaves the shared state half-written; the start is untouched, so redo the fit here.
    if (!(error instanceof KmeansThreadsFailed) || options.passes === undefined) throw error;
    return lloydWith(points, init, k, maxIter, shiftTol, new InThreadPasses(n));
  }
}

/** Lloyd from `init` with the passes over the points run by `passes` (see lloyd). */
function lloydWith(
  points: PointMatrix,
  init: Float64Array,
  k: number,
  maxIter: number,
  shiftTol: number,
  passes: PointPasses,
): KMeansFit {
  const { data: x, n, d } = points;
  const b = passes.bounds(points, init, k);
  const { c, labels, upper, lower, drift, half, between } = b;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  // Bounds are stored relative to the centroids' accumulated movement so that a point whose bounds
  // still hold costs two reads and no writes per iteration: the bound on the distance to the own
  // centroid is upper[i] + drift[label], to any other centroid lower[i] − driftMax.
  let driftMax = 0; // Σ over iterations of the largest move
  const moved = new Float64Array(k);

  centroidDistances(c, k, d, between, half);
  passes.initial(b);
  addMembers(x, n, d, labels, sums, counts);

  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    const relocated = relocateEmptyClusters(x, d, k, c, labels, counts, sums);

    // Update step: centroids become the means of their members; remember how far each one moved.
    let maxMove = 0;
    let totalShift = 0;
    for (let j = 0; j < k; j++) {
      moved[j] = 0;
      if (counts[j] === 0) continue; // unrecoverable empty cluster keeps its position
      let shift = 0;
      for (let t = 0; t < d; t++) {
        const next = sums[j * d + t]! / counts[j]!;
        const diff = next - c[j * d + t]!;
        shift += diff * diff;
        c[j * d + t] = next;
      }
      moved[j] = Math.sqrt(shift);
      totalShift += shift;
      maxMove = Math.max(maxMove, moved[j]!);
    }
    if (maxMove === 0 && !relocated) {
      converged = true; // assignments were made against exactly these centroids
      break;
    }
    if (totalShift <= shiftTol && !relocated) {
      converged = true; // sklearn's criterion; finalizeFit makes the centroids the exact means
      break;
    }

    centroidDistances(c, k, d, between, half);
    // Triangle inequality: a centroid moving by δ changes any distance to it by at most δ.
    for (let j = 0; j < k; j++) drift[j]! += moved[j]!;
    driftMax += maxMove;
    if (relocated) {
      upper.fill(Infinity); // a re-seeded centroid can be anyone's nearest: check every point
      lower.fill(driftMax);
    }

    passes.assign(b, driftMax);
    const changed = applyChanges(b, passes, sums, counts);
    if (changed === 0) {
      converged = true;
      break;
    }
  }

  return finalizeFit(points, k, c, labels, iterations, converged);
}

/*
 * The passes over all points live in their own small functions (here and in assignKernels.ts): V8
 * optimises a function that is called often as a whole, whereas a long loop inside a long function gets
 * on-stack replacement and, on the first untried branch after the loop, deoptimisation (seen with
 * --trace-deopt, ~100 times per sweep).
 */

/** Running sums and counts of the first assignment, point by point in index order. */
function addMembers(x: Float64Array, n: number, d: number, labels: Int32Array, sums: Float64Array, counts: Int32Array): void {
  for (let i = 0; i < n; i++) moveMember(x, i, d, -1, labels[i]!, sums, counts);
}

/** Moves the recorded points in the running sums, in index order (as one in-order pass would). */
function applyChanges(b: Bounds, passes: PointPasses, sums: Float64Array, counts: Int32Array): number {
  const { x, d, labels } = b;
  const { changes, chunkChanges, chunkSize } = passes;
  let changed = 0;
  for (let j = 0; j < passes.chunks; j++) {
    const start = 2 * j * chunkSize;
    for (let m = 0; m < chunkChanges[j]!; m++) {
      const i = changes[start + 2 * m]!;
      moveMember(x, i, d, changes[start + 2 * m + 1]!, labels[i]!, sums, counts);
    }
    changed += chunkChanges[j]!;
  }
  return changed;
}

/**
 * Recomputes sums from scratch so the returned centroids are exact means (the running sums of the loop
 * accumulate add/subtract rounding), then the per-point and total SSE.
 */
function finalizeFit(
  points: PointMatrix,
  k: number,
  c: Float64Array,
  labels: Int32Array,
  iterations: number,
  converged: boolean,
): KMeansFit {
  const { data: x, n, d } = points;
  const sums = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) moveMember(x, i, d, -1, labels[i]!, sums, sizes);
  const centroids = Float64Array.from(c);
  for (let j = 0; j < k; j++) {
    if (sizes[j] === 0) continue;
    for (let t = 0; t < d; t++) centroids[j * d + t] = sums[j * d + t]! / sizes[j]!;
  }
  const pointSse = new Float64Array(n);
  const sse = ownCentroidDistances(x, n, d, centroids, labels, pointSse);
  // A copy: with threads, `labels` is a view of shared memory that the next fit overwrites.
  return { k, centroids, labels: Int32Array.from(labels), sizes, pointSse, sse, iterations, converged };
}

/** pointSse[i] = ‖x_i − c_label(i)‖²; returns their sum. */
function ownCentroidDistances(
  x: Float64Array,
  n: number,
  d: number,
  c: Float64Array,
  labels: Int32Array,
  pointSse: Float64Array,
): number {
  let sse = 0;
  for (let i = 0; i < n; i++) {
    pointSse[i] = squaredDistance(x, i * d, c, labels[i]! * d, d);
    sse += pointSse[i]!;
  }
  return sse;
}
