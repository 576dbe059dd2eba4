/**
 * npx tsx bench/kmeans-bench.ts — the DRPO elbow sweep (K-means for k = 1..10 on 10,000 × 8 points) next
 * to a plain Lloyd baseline on the same data in the same run.
 *
 * Data: reward-like vectors (G = 8 sampled responses per question). Each question gets a latent success
 * rate from one of five difficulty levels; its 8 rewards are that rate plus noise, clipped to [0, 1].
 * A second data set, uniform in [0, 1]^8, has no cluster structure and is the slow case for Lloyd.
 *
 * Engine: warm-started sweep (k from k − 1 plus one k-means++ pick) with Hamerly-bounded Lloyd.
 * "step" = the next training step: the same history plus one 512-question batch, reusing the previous
 * step's centroids. Baseline: for each k, k distinct random points as centroids, then textbook Lloyd
 * (every point against every centroid, every iteration) until no point moves or 300 iterations.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { elbowK } from '../src-main/ml/advantages/elbowK';
import { kmeansSweep } from '../src-main/ml/advantages/kmeansSweep';
import { Mulberry32 } from '../src-main/ml/random/Mulberry32';
import type { PointMatrix } from '../src-main/ml/advantages/PointMatrix';

const N = 10_000;
const D = 8;
const K_MAX = 10;
const REPEATS = 7;

function gaussian(rng: Mulberry32): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function rewardLike(n: number, seed: number): PointMatrix {
  const rng = new Mulberry32(seed);
  const levels = [0.05, 0.25, 0.5, 0.7, 0.9];
  const data = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    const p = levels[Math.floor(rng.next() * levels.length)]!;
    for (let t = 0; t < D; t++) data[i * D + t] = Math.min(1, Math.max(0, p + 0.15 * gaussian(rng)));
  }
  return { data, n, d: D };
}

function uniform(n: number, seed: number): PointMatrix {
  const rng = new Mulberry32(seed);
  const data = new Float64Array(n * D);
  for (let i = 0; i < data.length; i++) data[i] = rng.next();
  return { data, n, d: D };
}

/** Textbook Lloyd, random distinct points as the start: the baseline. Returns the SSE. */
function plainLloyd(points: PointMatrix, k: number, rng: Mulberry32): number {
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
      if (counts[j] === 0) continue; // the baseline keeps an empty cluster where it is
      for (let t = 0; t < d; t++) c[j * d + t] = sums[j * d + t]! / counts[j]!;
    }
  }
  return sse;
}

/**
 * Median wall time and median CPU time (user + system of this process) of REPEATS runs. The machine is
 * shared; when other jobs compete for its 2 cores, wall time inflates and CPU time stays closer to the
 * cost of the work itself.
 */
function timeIt<T>(run: () => T): { ms: number; cpuMs: number; out: T } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let out!: T;
  for (let r = 0; r < REPEATS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: median(wall), cpuMs: median(cpu), out };
}

function bench(name: string, make: (n: number, seed: number) => PointMatrix): void {
  const points = make(N, 1);
  const sweep = timeIt(() => kmeansSweep(points, { kMax: K_MAX, rng: new Mulberry32(0) }));

  // Next training step: previous history of N − 512 questions, then 512 new ones appended.
  const before: PointMatrix = { data: points.data.subarray(0, (N - 512) * D), n: N - 512, d: D };
  const previous = kmeansSweep(before, { kMax: K_MAX, rng: new Mulberry32(0) }).map((f) => f.centroids);
  const step = timeIt(() => kmeansSweep(points, { kMax: K_MAX, rng: new Mulberry32(1), previous }));

  const base = timeIt(() => {
    const rng = new Mulberry32(0);
    const sse: number[] = [];
    for (let k = 1; k <= K_MAX; k++) sse.push(plainLloyd(points, k, rng));
    return sse;
  });

  const sseOf = (fits: { sse: number }[]): number[] => fits.map((f) => f.sse);
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(' ');
  const iters = (fits: { iterations: number }[]): string => fits.map((f) => f.iterations).join(',');
  console.log(`\n${name}: ${N} × ${D}, k = 1..${K_MAX}, median of ${REPEATS}`);
  const ms = (t: { ms: number; cpuMs: number }): string =>
    `${t.ms.toFixed(1).padStart(7)} ms wall ${t.cpuMs.toFixed(1).padStart(7)} ms cpu`;
  console.log(`  engine sweep (cold)       ${ms(sweep)}  K=${elbowK(sseOf(sweep.out))}  iters ${iters(sweep.out)}`);
  console.log(`  engine sweep (next step)  ${ms(step)}  K=${elbowK(sseOf(step.out))}  iters ${iters(step.out)}`);
  console.log(`  plain Lloyd baseline      ${ms(base)}  K=${elbowK(base.out)}`);
  console.log(`  ratio baseline / engine: cold ${(base.ms / sweep.ms).toFixed(1)}×, next step ${(base.ms / step.ms).toFixed(1)}×`);
  console.log(`  SSE engine   ${fmt(sseOf(sweep.out))}`);
  console.log(`  SSE baseline ${fmt(base.out)}`);
}

console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`);
bench('reward-like (5 difficulty levels)', rewardLike);
bench('uniform [0,1]^8 (no structure)', uniform);
