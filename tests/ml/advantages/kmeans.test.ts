import { describe, expect, it } from 'vitest';
import { countUniqueRows } from '../../../src-main/ml/advantages/countUniqueRows';
import { elbowK } from '../../../src-main/ml/advantages/elbowK';
import { greedyPick } from '../../../src-main/ml/advantages/greedyPick';
import { kmeans } from '../../../src-main/ml/advantages/kmeans';
import { kmeansSweep } from '../../../src-main/ml/advantages/kmeansSweep';
import { lloyd } from '../../../src-main/ml/advantages/lloyd';
import { Mulberry32 } from '../../../src-main/ml/random/Mulberry32';
import { pointMatrix } from '../../../src-main/ml/advantages/PointMatrix';

// Three unit squares far apart: A around (0.5, 0.5), B around (10.5, 10.5), C around (0.5, 10.5).
const square = (x: number, y: number): number[][] => [
  [x, y],
  [x, y + 1],
  [x + 1, y],
  [x + 1, y + 1],
];
const threeSquares = pointMatrix([...square(0, 0), ...square(10, 10), ...square(0, 10)]);

/** Groups point indices by label, as sorted lists, so a partition compares independently of label names. */
function partition(labels: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((l, i) => groups.set(l, [...(groups.get(l) ?? []), i]));
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}

describe('Mulberry32', () => {
  it('produces the published mulberry32 stream (cross-checked with an independent Python port)', () => {
    const rng = new Mulberry32(0);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
  });

  it('continues the same stream from its state', () => {
    const a = new Mulberry32(42);
    a.next();
    const b = new Mulberry32(a.state);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
  });
});

describe('lloyd', () => {
  it('converges to the hand-computed solution from a given start', () => {
    // points 0, 1, 9, 10; start c = (0, 1)
    // assign: 0→c0; 1, 9, 10→c1. update: c0 = 0, c1 = 20/3 ≈ 6.67
    // assign: 1 is 1 from c0 and 5.67 from c1 → c0. update: c0 = 0.5, c1 = 9.5; assign: no change.
    // SSE = 4 · 0.5² = 1
    const fit = lloyd(pointMatrix([[0], [1], [9], [10]]), Float64Array.from([0, 1]), 2, { tol: 0 });
    expect(Array.from(fit.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(fit.centroids)).toEqual([0.5, 9.5]);
    expect(Array.from(fit.sizes)).toEqual([2, 2]);
    expect(Array.from(fit.pointSse)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(fit.sse).toBe(1);
    expect(fit.converged).toBe(true);
  });

  it('re-seeds an empty cluster with the point farthest from its centroid', () => {
    // start (0, 0, 10): c1 duplicates c0 and ties go to the lower index, so c1 starts empty.
    // Farthest points: 1 (from c0 = 0) and 9 (from c2 = 10), both at 1; the first found, point 1, moves.
    // Result {0}, {1}, {9, 10}: SSE = 2 · 0.5² = 0.5
    const fit = lloyd(pointMatrix([[0], [1], [9], [10]]), Float64Array.from([0, 0, 10]), 3);
    expect(Array.from(fit.labels)).toEqual([0, 1, 2, 2]);
    expect(Array.from(fit.centroids)).toEqual([0, 1, 9.5]);
    expect(fit.sse).toBe(0.5);
  });

  it('reaches exactly the partition of textbook Lloyd from the same start (the bounds only skip work)', () => {
    const rng = new Mulberry32(21);
    const n = 500;
    const d = 4;
    const points = pointMatrix(Array.from({ length: n }, () => Array.from({ length: d }, () => rng.next())));
    for (const k of [2, 5, 9]) {
      const init = points.data.slice(0, k * d); // the first k points
      // textbook Lloyd: assign every point to its nearest centroid, recompute means, until nothing moves
      const c = Float64Array.from(init);
      const labels = new Int32Array(n).fill(-1);
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = 0; i < n; i++) {
          let best = 0;
          let bestDist = Infinity;
          for (let j = 0; j < k; j++) {
            let s2 = 0;
            for (let t = 0; t < d; t++) s2 += (points.data[i * d + t]! - c[j * d + t]!) ** 2;
            if (s2 < bestDist) [best, bestDist] = [j, s2];
          }
          if (labels[i] !== best) [labels[i], changed] = [best, true];
        }
        for (let j = 0; j < k; j++) {
          const members = [...labels.keys()].filter((i) => labels[i] === j);
          for (let t = 0; t < d; t++) {
            c[j * d + t] = members.reduce((sum, i) => sum + points.data[i * d + t]!, 0) / members.length;
          }
        }
      }
      const fit = lloyd(points, init, k, { tol: 0 });
      expect(Array.from(fit.labels)).toEqual(Array.from(labels));
      Array.from(c).forEach((v, i) => expect(fit.centroids[i]).toBeCloseTo(v, 12));
    }
  });

  it('stops at maxIter and says so', () => {
    const fit = lloyd(pointMatrix([[0], [1], [9], [10]]), Float64Array.from([0, 1]), 2, { maxIter: 1, tol: 0 });
    expect(fit.iterations).toBe(1);
    expect(fit.converged).toBe(false);
  });
});

describe('kmeans (k-means++ then Lloyd)', () => {
  it('finds three separated squares; centroids and SSE by hand', () => {
    // centroids (0.5,0.5), (10.5,10.5), (0.5,10.5); each square: 4 points at 0.5² + 0.5² = 0.5 → SSE = 3·2 = 6
    for (const seed of [0, 1, 2, 3, 4]) {
      const fit = kmeans(threeSquares, 3, { seed });
      expect(partition(fit.labels)).toEqual([
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9, 10, 11],
      ]);
      expect(fit.sse).toBe(6);
      const centres = [0, 1, 2].map((j) => [fit.centroids[2 * j], fit.centroids[2 * j + 1]]);
      expect(centres.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)).toEqual([
        [0.5, 0.5],
        [0.5, 10.5],
        [10.5, 10.5],
      ]);
    }
  });

  it('is deterministic for a seed', () => {
    const rng = new Mulberry32(9);
    const rows = Array.from({ length: 200 }, () => [rng.next(), rng.next(), rng.next()]);
    const points = pointMatrix(rows);
    const a = kmeans(points, 5, { seed: 11 });
    const b = kmeans(points, 5, { seed: 11 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(a.sse).toBe(b.sse);
  });
});

describe('kmeansSweep + elbowK', () => {
  it('gives the hand-computed SSE for k = 1..3 and the elbow at 3', () => {
    // k = 1: mean = (11.5/3, 21.5/3); SSE = within (6) + 4·Σ‖square centre − mean‖²
    //   A: (10/3)² + (20/3)² = 500/9; B: (20/3)² + (10/3)² = 500/9; C: (10/3)² + (10/3)² = 200/9
    //   SSE_1 = 6 + 4·1200/9 = 6 + 533.33 = 539.33
    // k = 2: merge C with A (or B), centres 10 apart: 8 points each 5 from the merged centre in one axis
    //   SSE_2 = 6 + 8·25 = 206
    // k = 3: the squares, SSE_3 = 6
    // drops [333.33, 200, …]: 200 < 33.3? no; next drop ≤ 2 (splitting a square) < 20 → K = 3
    const fits = kmeansSweep(threeSquares, { kMax: 6, rng: new Mulberry32(0) });
    expect(fits).toHaveLength(6);
    expect(fits[0]!.sse).toBeCloseTo(6 + 4800 / 9, 10);
    expect(fits[1]!.sse).toBeCloseTo(206, 10);
    expect(fits[2]!.sse).toBeCloseTo(6, 10);
    expect(elbowK(fits.map((f) => f.sse))).toBe(3);
  });

  it('stopAtElbow ends the sweep once the rule has decided, with the same K', () => {
    // K = 3 is decided by the drop from k = 3 to k = 4, so fits for k = 1..4 are enough.
    const fits = kmeansSweep(threeSquares, { kMax: 6, rng: new Mulberry32(0), stopAtElbow: true });
    expect(fits).toHaveLength(4);
    expect(elbowK(fits.map((f) => f.sse))).toBe(3);
  });

  it('never lets SSE rise with k (chain warm start), and caps k at the number of unique rows', () => {
    const rng = new Mulberry32(5);
    // 300 reward-like rows with only 4 distinct values per component → many duplicates
    const rows = Array.from({ length: 300 }, () => [0, 1, 2, 3].map(() => Math.floor(rng.next() * 4) / 3));
    const fits = kmeansSweep(pointMatrix(rows), { kMax: 10, rng: new Mulberry32(0) });
    expect(fits).toHaveLength(10);
    for (let k = 1; k < fits.length; k++) expect(fits[k]!.sse).toBeLessThanOrEqual(fits[k - 1]!.sse);

    const few = pointMatrix([[1, 0], [1, 0], [0, 1], [1, 0]]);
    expect(kmeansSweep(few, { kMax: 10, rng: new Mulberry32(0) })).toHaveLength(2);
  });

  it('reuses the previous step’s centroids when they start lower, and stays deterministic', () => {
    const rng = new Mulberry32(3);
    const rows = Array.from({ length: 400 }, () => {
      const level = [0.1, 0.5, 0.9][Math.floor(rng.next() * 3)]!;
      return [0, 1, 2, 3, 4].map(() => Math.min(1, Math.max(0, level + 0.1 * (rng.next() - 0.5))));
    });
    const before = pointMatrix(rows.slice(0, 350));
    const after = pointMatrix(rows);
    const previous = kmeansSweep(before, { kMax: 5, rng: new Mulberry32(0) }).map((f) => f.centroids);
    const warm = kmeansSweep(after, { kMax: 5, rng: new Mulberry32(1), previous });
    const again = kmeansSweep(after, { kMax: 5, rng: new Mulberry32(1), previous });
    expect(warm.map((f) => f.sse)).toEqual(again.map((f) => f.sse));
    // Starting from nearly converged centroids, k = 3 (the true structure) needs at most a couple of passes.
    expect(warm[2]!.iterations).toBeLessThanOrEqual(2);
    for (let k = 1; k < warm.length; k++) expect(warm[k]!.sse).toBeLessThanOrEqual(warm[k - 1]!.sse);
  });
});

describe('countUniqueRows', () => {
  it('counts exact duplicates once, treats −0 as 0, and stops at the limit', () => {
    const points = pointMatrix([[0, 1], [-0, 1], [0.5, 0.5], [0, 1], [1, 0]]);
    expect(countUniqueRows(points)).toBe(3);
    expect(countUniqueRows(points, 2)).toBe(2);
    expect(countUniqueRows(pointMatrix([]), 10)).toBe(0);
  });
});

describe('greedyPick', () => {
  it('skipping distances by the triangle inequality gives the same pick and potential, bit for bit', () => {
    // Discrete rewards {0, ½, 1}: many duplicate rows and exact distance ties, the hard case for pruning.
    const rng = new Mulberry32(3);
    const points = pointMatrix(Array.from({ length: 400 }, () => Array.from({ length: 5 }, () => Math.floor(rng.next() * 3) / 2)));
    for (const k of [1, 3, 6]) {
      const fit = kmeans(points, k, { seed: 2 });
      for (const seed of [0, 1, 2]) {
        const full = greedyPick(points, fit.pointSse, 4, new Mulberry32(seed));
        const pruned = greedyPick(points, fit.pointSse, 4, new Mulberry32(seed), { labels: fit.labels, centroids: fit.centroids, k });
        expect(pruned).toEqual(full);
      }
    }
  });
});
