import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmeansThreadsFailed } from '../../../src-main/ml/advantages/kmeansThreadsFailed';
import { MIN_THREADED_POINTS, closeKmeansThreads, kmeansThreadStats, kmeansThreadsRunning, threadedPasses } from '../../../src-main/ml/advantages/kmeansThreads';
import { kmeansSweep } from '../../../src-main/ml/advantages/kmeansSweep';
import { type KMeansFit, lloyd } from '../../../src-main/ml/advantages/lloyd';
import { InThreadPasses, type PointPasses } from '../../../src-main/ml/advantages/pointPasses';
import type { PointMatrix } from '../../../src-main/ml/advantages/PointMatrix';
import { Mulberry32 } from '../../../src-main/ml/random/Mulberry32';

// The one-thread path is what kmeans.test.ts checks against hand values and textbook Lloyd; here the
// threaded path must reproduce it bit for bit (Object.is: same doubles, −0 and NaN included).
function expectSameFits(threaded: readonly KMeansFit[], single: readonly KMeansFit[]): void {
  expect(threaded.length).toBe(single.length);
  threaded.forEach((f, i) => {
    const g = single[i]!;
    expect([f.k, f.iterations, f.converged]).toEqual([g.k, g.iterations, g.converged]);
    expect(Object.is(f.sse, g.sse)).toBe(true);
    expect(Array.from(f.labels)).toEqual(Array.from(g.labels));
    expect(Array.from(f.sizes)).toEqual(Array.from(g.sizes));
    expect(f.centroids.every((v, j) => Object.is(v, g.centroids[j]))).toBe(true);
    expect(f.pointSse.every((v, j) => Object.is(v, g.pointSse[j]))).toBe(true);
  });
}

function randomPoints(n: number, d: number, seed: number, value: (rng: Mulberry32) => number): PointMatrix {
  const rng = new Mulberry32(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = value(rng);
  return { data, n, d };
}

/** Reward-like rows: a latent level per row plus noise, clipped to [0, 1] (as DRPO's question vectors). */
function rewardRows(n: number, d: number, seed: number): PointMatrix {
  const rng = new Mulberry32(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const level = [0.05, 0.3, 0.6, 0.9][Math.floor(rng.next() * 4)]!;
    for (let t = 0; t < d; t++) data[i * d + t] = Math.min(1, Math.max(0, level + 0.3 * (rng.next() - 0.5)));
  }
  return { data, n, d };
}

beforeAll(() => {
  process.env.QOQ_KMEANS_THREADS = '1'; // one worker even on a one-core runner, so the threaded path runs
});
afterAll(async () => {
  delete process.env.QOQ_KMEANS_THREADS;
  await closeKmeansThreads();
});

describe('k-means passes on worker threads', () => {
  const sets: [string, PointMatrix][] = [
    ['reward-like 6000 × 8', rewardRows(6000, 8, 1)],
    ['uniform 5000 × 5', randomPoints(5000, 5, 2, (r) => r.next())],
    ['discrete {0, ½, 1} 4500 × 4 (many duplicate rows)', randomPoints(4500, 4, 3, (r) => Math.floor(r.next() * 3) / 2)],
  ];

  it.each(sets)('%s: same sweep bit for bit as one thread (cold, elbow stop, warm start)', (_name, points) => {
    const cold = kmeansSweep(points, { kMax: 10, rng: new Mulberry32(0) });
    expect(kmeansThreadsRunning()).toBe(1);
    expectSameFits(cold, kmeansSweep(points, { kMax: 10, rng: new Mulberry32(0), threads: false }));

    const stop = kmeansSweep(points, { kMax: 10, rng: new Mulberry32(0), stopAtElbow: true });
    expectSameFits(stop, kmeansSweep(points, { kMax: 10, rng: new Mulberry32(0), stopAtElbow: true, threads: false }));

    const previous = cold.map((f) => f.centroids);
    const warm = kmeansSweep(points, { kMax: 10, rng: new Mulberry32(1), previous });
    expectSameFits(warm, kmeansSweep(points, { kMax: 10, rng: new Mulberry32(1), previous, threads: false }));
  });

  it('reuses one pool across sweeps, and the worker takes part', () => {
    const points = rewardRows(8000, 8, 4);
    kmeansSweep(points, { kMax: 6, rng: new Mulberry32(0) });
    const first = kmeansThreadStats()!;
    kmeansSweep(points, { kMax: 6, rng: new Mulberry32(0) });
    const second = kmeansThreadStats()!;
    kmeansSweep(points, { kMax: 6, rng: new Mulberry32(0) });
    const third = kmeansThreadStats()!;
    expect(kmeansThreadsRunning()).toBe(1);
    // The counters keep growing by the same amount per identical sweep: all ran on the same pool.
    expect(second.passes - first.passes).toBeGreaterThan(0);
    expect(third.passes - second.passes).toBe(second.passes - first.passes);
    expect(third.chunks - second.chunks).toBe(second.chunks - first.chunks);
    // Hundreds of passes of 16 chunks each: the worker ran some of them (else nothing here tests threads).
    expect(third.chunksOnMain - first.chunksOnMain).toBeLessThan(third.chunks - first.chunks);
  });

  it('keeps more clusters than distinct rows bit-identical (empty clusters, re-seeding)', () => {
    // 4,200 rows, 1,400 each of 0, 5 and 9; k = 5 from the start (0, 0, 0, 9, 9). By hand: first assignment
    // (ties to the lower index) puts the 0s in c0 and the 5s and 9s in c3 (5 is 4 from 9, 5 from 0); c1, c2,
    // c4 are empty. Re-seeding takes the point farthest from its centroid, a 5 (16 from c3 = 9), for each
    // of them in turn: the first three 5s. Update: c1 = c2 = c4 = 5; the other 5s then tie between
    // c1, c2, c4 and go to c1; the re-seeded ones stay (ties keep the current cluster).
    const rows = [0, 5, 9];
    const points: PointMatrix = { data: Float64Array.from({ length: 4200 }, (_, i) => rows[i % 3]!), n: 4200, d: 1 };
    const init = Float64Array.from([0, 0, 0, 9, 9]);
    const passes = threadedPasses(points, 5);
    expect(passes).toBeDefined();
    const threaded = lloyd(points, init, 5, { passes });
    const single = lloyd(points, init, 5);
    expectSameFits([threaded], [single]);
    expect(Array.from(threaded.sizes)).toEqual([1400, 1398, 1, 1400, 1]);
    expect(Array.from(threaded.centroids)).toEqual([0, 5, 5, 9, 5]);
    expect(threaded.sse).toBe(0);
  });

  it('stays on the calling thread below the size threshold', () => {
    const small = rewardRows(MIN_THREADED_POINTS - 1, 8, 5);
    expect(threadedPasses(small, 10)).toBeUndefined();
    expect(threadedPasses(rewardRows(MIN_THREADED_POINTS, 8, 5), 10)).toBeDefined();
  });

  it('redoes a fit on the calling thread when the threads fail mid-fit, with the same result', () => {
    const points = rewardRows(2000, 8, 6);
    const init = points.data.slice(0, 5 * 8);
    const inner = new InThreadPasses(points.n);
    let assigns = 0;
    const failing: PointPasses = {
      bounds: (p, i, k) => inner.bounds(p, i, k),
      initial: (b) => inner.initial(b),
      assign: (b, driftMax) => {
        if (++assigns === 3) throw new KmeansThreadsFailed('test');
        inner.assign(b, driftMax);
      },
      changes: inner.changes,
      chunkChanges: inner.chunkChanges,
      chunkSize: inner.chunkSize,
      chunks: inner.chunks,
    };
    const fit = lloyd(points, init, 5, { passes: failing });
    expect(assigns).toBe(3);
    expectSameFits([fit], [lloyd(points, init, 5)]);
  });

  it('closes the pool, and the next large sweep starts a new one', async () => {
    kmeansSweep(rewardRows(5000, 4, 7), { kMax: 3, rng: new Mulberry32(0) });
    expect(kmeansThreadsRunning()).toBe(1);
    await closeKmeansThreads();
    expect(kmeansThreadsRunning()).toBe(0);
    expect(kmeansThreadStats()).toBeNull();
    kmeansSweep(rewardRows(5000, 4, 7), { kMax: 3, rng: new Mulberry32(0) });
    expect(kmeansThreadsRunning()).toBe(1);
    expect(kmeansThreadStats()!.passes).toBeGreaterThan(0);
  });

  it('does not keep the process alive: a script that never closes the pool exits', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kmeans-threads-'));
    const script = path.join(dir, 'openPool.mts');
    const modules = path.resolve(import.meta.dirname, '../../../src-main/ml');
    writeFileSync(
      script,
      [
        `import { kmeansSweep } from ${JSON.stringify(path.join(modules, 'advantages/kmeansSweep.ts'))};`,
        `import { kmeansThreadsRunning } from ${JSON.stringify(path.join(modules, 'advantages/kmeansThreads.ts'))};`,
        `import { Mulberry32 } from ${JSON.stringify(path.join(modules, 'random/Mulberry32.ts'))};`,
        `const rng = new Mulberry32(1);`,
        `const data = Float64Array.from({ length: 5000 * 4 }, () => rng.next());`,
        `kmeansSweep({ data, n: 5000, d: 4 }, { kMax: 4, rng: new Mulberry32(0) });`,
        `console.log('workers', kmeansThreadsRunning());`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, QOQ_KMEANS_THREADS: '1' } });
    expect(run.error).toBeUndefined(); // a timeout would show here
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('workers 1');
  });
});
