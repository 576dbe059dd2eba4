/**
 * The plain Lloyd baseline and the reward-like data shared by bench:kmeans and bench:train, so the
 * numbers of both benches are comparable.
 */
import { Mulberry32 } from '../../src-main/ml/random/Mulberry32.js';
import type { PointMatrix } from '../../src-main/ml/advantages/PointMatrix.js';

function gaussian(rng: Mulberry32): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Reward-like vectors: each question's latent success rate from five levels, plus noise, clipped to [0, 1]. */
export function rewardLike(n: number, d: number, seed: number): PointMatrix {
  const rng = new Mulberry32(seed);
  const levels = [0.05, 0.25, 0.5, 0.7, 0.9];
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const p = levels[Math.floor(rng.next() * levels.length)]!;
    for (let t = 0; t < d; t++) data[i * d + t] = Math.min(1, Math.max(0, p + 0.15 * gaussian(rng)));
  }
  return { data, n, d };
}

/** Textbook Lloyd from k distinct random points, until no point moves or 300 iterations. Returns the SSE. */
export function plainLloyd(points: PointMatrix, k: number, rng: Mulberry32): number {
  const { data, n, d } = points;
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(Math.floor(rng.next() * n));
  const c = new Float64Array(k * d);
  [...chosen].forEach((p, j) => c.set(data.subarray(p * d, p * d + d), j * d));
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let sse = 0;
  for (let iter = 0; iter < 300; iter++) {
    let changed = 0;
    sse = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDist = Infinity;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) {
          const diff = data[i * d + t]! - c[j * d + t]!;
          s += diff * diff;
        }
        if (s < bestDist) {
          bestDist = s;
          best = j;
        }
      }
      sse += bestDist;
      if (labels[i] !== best) changed++;
      labels[i] = best;
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      counts[a]!++;
      for (let t = 0; t < d; t++) sums[a * d + t]! += data[i * d + t]!;
    }
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) continue;
      for (let t = 0; t < d; t++) c[j * d + t] = sums[j * d + t]! / counts[j]!;
    }
  }
  return sse;
}
