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
 * The engine's passes run on this thread plus the k-means worker pool (kmeansThreads.ts); "1 thread" is the
 * same sweep with threads: false, in the same run. CPU = user + system of all threads of the process.
 * QOQ_KMEANS_THREADS=1 forces one worker for every sweep (no back-off when the cores are busy).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { elbowK } from '../src-main/ml/advantages/elbowK';
import { kmeansSweep } from '../src-main/ml/advantages/kmeansSweep';
import { closeKmeansThreads, kmeansThreadStats, kmeansThreadsRunning } from '../src-main/ml/advantages/kmeansThreads';
import { plainLloyd, rewardLike } from './kmeans/lloydBaseline';
import { Mulberry32 } from '../src-main/ml/random/Mulberry32';
import type { PointMatrix } from '../src-main/ml/advantages/PointMatrix';

const N = 10_000;
const D = 8;
const K_MAX = 10;
const REPEATS = Number(process.env.BENCH_RUNS ?? 7);
/**
 * Untimed runs before each measured series (as bench:infer does): DRPO runs the sweep for every domain at
 * every training step, so V8 has long optimised it; without warm-up the first measured runs also time
 * the JIT. BENCH_WARMUP=0 gives the figures of the runs before 2026-11-25 19:40 (no warm-up).
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

const rewardLikeD = (n: number, seed: number): PointMatrix => rewardLike(n, D, seed);

function uniform(n: number, seed: number): PointMatrix {
  const rng = new Mulberry32(seed);
  const data = new Float64Array(n * D);
  for (let i = 0; i < data.length; i++) data[i] = rng.next();
  return { data, n, d: D };
}

function timeIt<T>(run: () => T): { ms: number; cpuMs: number; out: T } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let out!: T;
  for (let r = 0; r < WARMUP; r++) out = run();
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
  const single = timeIt(() => kmeansSweep(points, { kMax: K_MAX, rng: new Mulberry32(0), threads: false }));

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
  console.log(`\n${name}: ${N} × ${D}, k = 1..${K_MAX}, median of ${REPEATS} after ${WARMUP} untimed warm-up run(s)`);
  const ms = (t: { ms: number; cpuMs: number }): string =>
    `${t.ms.toFixed(1).padStart(7)} ms wall ${t.cpuMs.toFixed(1).padStart(7)} ms cpu`;
  console.log(`  engine sweep (cold)       ${ms(sweep)}  K=${elbowK(sseOf(sweep.out))}  iters ${iters(sweep.out)}  (+${kmeansThreadsRunning()} worker thread(s))`);
  console.log(`  same, 1 thread            ${ms(single)}  K=${elbowK(sseOf(single.out))}  iters ${iters(single.out)}`);
  const same = single.out.every((f, i) => Object.is(f.sse, sweep.out[i]!.sse) && f.labels.every((l, j) => l === sweep.out[i]!.labels[j]));
  console.log(`  threads vs 1 thread: ${(single.ms / sweep.ms).toFixed(2)}× wall, ${(sweep.cpuMs / single.cpuMs).toFixed(2)}× cpu; same fits: ${same ? 'yes' : 'NO'}`);
  const st = kmeansThreadStats();
  if (st) {
    console.log(
      `  pool so far: ${st.sweeps} threaded sweeps, ${st.skipped} on one thread by the back-off (QOQ_KMEANS_THREADS=1 turns it off), ` +
        `worker ran ${((100 * (st.chunks - st.chunksOnMain)) / Math.max(1, st.chunks)).toFixed(0)} % of the chunks, ` +
        `last threaded sweep used ${st.parallelism.toFixed(2)} × its wall time in CPU`,
    );
  }
  console.log(`  engine sweep (next step)  ${ms(step)}  K=${elbowK(sseOf(step.out))}  iters ${iters(step.out)}`);
  console.log(`  plain Lloyd baseline      ${ms(base)}  K=${elbowK(base.out)}`);
  console.log(`  ratio baseline / engine: cold ${(base.ms / sweep.ms).toFixed(1)}×, next step ${(base.ms / step.ms).toFixed(1)}×`);
  console.log(`  SSE engine   ${fmt(sseOf(sweep.out))}`);
  console.log(`  SSE baseline ${fmt(base.out)}`);
}

console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`);
bench('reward-like (5 difficulty levels)', rewardLikeD);
bench('uniform [0,1]^8 (no structure)', uniform);
await closeKmeansThreads();
