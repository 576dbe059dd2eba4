import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Bounds } from './assignKernels';
import { CONTROL, CONTROL_BYTES, CONTROL_WORDS, DRIFT_MAX_BYTE, TASK, type Arena, arenaBytes, arenaViews, workChunks } from './kmeansThreadProtocol';
import { KmeansThreadsFailed } from './kmeansThreadsFailed';
import { kmeansWorkerSource } from './kmeansWorkerSource';
import { ThreadBackoff } from './threadBackoff';
import type { PointMatrix } from './PointMatrix';
import type { PointPasses } from './pointPasses';

/** Points per chunk: small enough that a late worker still gets a share, large enough that claims are rare. */
const CHUNK_POINTS = 512;
/**
 * Polls of a shared word before sleeping on it (~20–50 µs): the passes of one fit follow each other within
 * microseconds, and a futex wake-up costs about as much as a chunk of work.
 */
const SPINS = 20_000;
/** Below this many points a sweep stays on its own thread: the per-pass hand-off would cost more than it saves. */
export const MIN_THREADED_POINTS = 4096;
/** How long main waits for a worker that has made no progress before it gives the threads up. */
const STALL_MS = 10_000;
const START_MS = 5_000;

/**
 * A persistent pool of worker threads for Lloyd's point passes, as sklearn's KMeans runs its passes on
 * OpenMP threads: each pass is split into chunks of points, main and workers take chunks, and main then
 * applies the changes in index order, so fits are bit-identical to one thread (see pointPasses.ts).
 * Started lazily by the first large sweep and reused by every later one; the workers are unref'd, so
 * they never keep the process alive; closeKmeansThreads() stops them.
 */
class KmeansThreads {
  private readonly ctrl: Int32Array;
  private readonly driftMax: Float64Array;
  private seq = 0;
  private buffer: SharedArrayBuffer | null = null;
  private shape = '';
  private arena: Arena | null = null;
  broken = false;
  /**
   * Counters since start: threaded sweeps, passes, chunks in them, chunks main ran itself (the rest ran on
   * workers), ms main waited for workers to finish their chunks, and the last threaded sweep's CPU / wall
   * ratio (what the back-off judges).
   */
  readonly stats = { sweeps: 0, passes: 0, chunks: 0, chunksOnMain: 0, waitMs: 0, parallelism: 0 };

  private constructor(
    private readonly control: SharedArrayBuffer,
    private readonly workers: readonly Worker[],
    private readonly ports: readonly MessagePort[],
  ) {
    this.ctrl = new Int32Array(control, 0, CONTROL_WORDS);
    this.driftMax = new Float64Array(control, DRIFT_MAX_BYTE, 1);
  }

  /** Starts `count` workers and waits until each has passed its self-test; null if they cannot start. */
  static start(count: number): KmeansThreads | null {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const ctrl = new Int32Array(control, 0, CONTROL_WORDS);
    const source = kmeansWorkerSource();
    const workers: Worker[] = [];
    const ports: MessagePort[] = [];
    let pool: KmeansThreads | null = null;
    try {
      for (let i = 0; i < count; i++) {
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(source, {
          eval: true,
          workerData: { layout: CONTROL, control, port: port2, spins: SPINS, driftMaxByte: DRIFT_MAX_BYTE, words: CONTROL_WORDS },
          transferList: [port2],
        });
        // Without a listener a worker error would be thrown in this process; with one, the pool is given up.
        worker.on('error', () => {
          if (pool) pool.broken = true;
        });
        worker.unref();
        port1.unref();
        workers.push(worker);
        ports.push(port1);
      }
      const deadline = Date.now() + START_MS;
      // Each worker adds 1 to READY after its self-test, or sets ERROR.
      for (;;) {
        const ready = Atomics.load(ctrl, CONTROL.READY);
        if (Atomics.load(ctrl, CONTROL.ERROR) !== 0) throw new Error('self-test failed');
        if (ready === count) break;
        if (Date.now() > deadline) throw new Error('start timed out');
        Atomics.wait(ctrl, CONTROL.READY, ready, 50);
      }
      pool = new KmeansThreads(control, workers, ports);
      return pool;
    } catch {
      for (const w of workers) void w.terminate();
      return null;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Passes for one sweep of `points` with up to kMax centroids (copies the points into shared memory). */
  session(points: PointMatrix, kMax: number): PointPasses {
    const { n, d } = points;
    const bytes = arenaBytes(n, d, kMax);
    if (this.buffer === null || this.buffer.byteLength < bytes) {
      this.buffer = new SharedArrayBuffer(Math.ceil(bytes * 1.25));
      this.shape = '';
    }
    const shape = `${n},${d},${kMax}`;
    if (shape !== this.shape) {
      this.arena = arenaViews(this.buffer, n, d, kMax);
      for (const port of this.ports) port.postMessage({ buffer: this.buffer, n, d, kMax });
      Atomics.store(this.ctrl, CONTROL.ACK, 0);
      this.publish(TASK.ATTACH);
      this.awaitCount(CONTROL.ACK, this.workers.length);
      this.shape = shape;
    }
    const arena = this.arena!;
    arena.x.set(points.data);
    this.stats.sweeps++;
    return new ThreadedPasses(this, arena, n);
  }

  /** Runs one pass (INITIAL or ASSIGN) of the fit in `b` over `chunks` chunks of `chunkSize` points. */
  run(type: number, b: Bounds, driftMax: number, chunkSize: number, chunks: number): void {
    if (this.broken) throw new KmeansThreadsFailed('a worker reported an error');
    const ctrl = this.ctrl;
    ctrl[CONTROL.N] = b.n;
    ctrl[CONTROL.K] = b.k;
    ctrl[CONTROL.D] = b.d;
    ctrl[CONTROL.CHUNK_SIZE] = chunkSize;
    ctrl[CONTROL.CHUNKS] = chunks;
    this.driftMax[0] = driftMax;
    Atomics.store(ctrl, CONTROL.DONE, 0);
    Atomics.store(ctrl, CONTROL.CLAIM, (type << 16) | (chunks << 8));
    this.publish(type);
    const ran = workChunks(CONTROL, ctrl, this.driftMax, this.arena!, true);
    const t0 = performance.now();
    this.awaitCount(CONTROL.DONE, chunks);
    this.stats.waitMs += performance.now() - t0;
    this.stats.passes++;
    this.stats.chunks += chunks;
    this.stats.chunksOnMain += ran;
  }

  /** Stops the workers (they finish the task in hand first); later sweeps start a new pool. */
  async close(): Promise<void> {
    if (!this.broken) {
      try {
        Atomics.store(this.ctrl, CONTROL.ACK, 0);
        this.publish(TASK.CLOSE);
        this.awaitCount(CONTROL.ACK, this.workers.length);
      } catch {
        // a stuck worker is terminated below all the same
      }
    }
    for (const port of this.ports) port.close();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private publish(type: number): void {
    this.seq = (this.seq + 1) & 0x0fffffff;
    Atomics.store(this.ctrl, CONTROL.GEN, this.seq * 8 + type);
    Atomics.notify(this.ctrl, CONTROL.GEN);
  }

  /** Waits until the word at `index` reaches `target`: polls first, then sleeps; gives up on a stall. */
  private awaitCount(index: number, target: number): void {
    const ctrl = this.ctrl;
    let v = Atomics.load(ctrl, index);
    for (let i = 0; v < target && i < SPINS; i++) v = Atomics.load(ctrl, index);
    let last = v;
    let since = Date.now();
    while (v < target) {
      if (Atomics.load(ctrl, CONTROL.ERROR) !== 0) this.broken = true;
      if (this.broken) throw new KmeansThreadsFailed('a worker reported an error');
      Atomics.wait(ctrl, index, v, 100);
      v = Atomics.load(ctrl, index);
      if (v !== last) {
        last = v;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        this.broken = true;
        throw new KmeansThreadsFailed(`no progress for ${STALL_MS / 1000} s`);
      }
    }
  }
}

/** PointPasses over a pool's shared arena. */
class ThreadedPasses implements PointPasses {
  private readonly startWall = performance.now();
  private readonly startCpu = process.cpuUsage();
  readonly changes: Int32Array;
  readonly chunkChanges: Int32Array;
  readonly chunkSize: number;
  readonly chunks: number;

  constructor(
    private readonly pool: KmeansThreads,
    private readonly arena: Arena,
    n: number,
  ) {
    this.changes = arena.changes;
    this.chunkChanges = arena.chunkChanges;
    this.chunks = Math.min(255, Math.ceil(n / CHUNK_POINTS));
    this.chunkSize = Math.ceil(n / this.chunks);
  }

  bounds(points: PointMatrix, init: Float64Array, k: number): Bounds {
    const { n, d } = points;
    const a = this.arena;
    const c = a.c.subarray(0, k * d);
    c.set(init);
    return {
      x: a.x,
      n,
      d,
      k,
      c,
      labels: a.labels,
      upper: a.upper,
      lower: a.lower,
      drift: a.drift.subarray(0, k).fill(0),
      half: a.half.subarray(0, k),
      between: a.between.subarray(0, k * k),
    };
  }

  initial(b: Bounds): void {
    this.pool.run(TASK.INITIAL, b, 0, this.chunkSize, this.chunks);
  }

  assign(b: Bounds, driftMax: number): void {
    this.pool.run(TASK.ASSIGN, b, driftMax, this.chunkSize, this.chunks);
  }

  /**
   * End of the sweep: tells the back-off how much parallelism the whole sweep got. Not per pass: Linux
   * updates another running thread's CPU time only at scheduler ticks (ms), far coarser than one pass
   * (~0.2 ms), so per-pass sums miss most of the worker's time. Sweeps under 20 ms are too short to tell.
   */
  finish(): void {
    const wallMs = performance.now() - this.startWall;
    if (wallMs < 20) return;
    const cpu = process.cpuUsage(this.startCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    this.pool.stats.parallelism = cpuMs / wallMs;
    backoff.record(cpuMs, wallMs);
  }
}

let pool: KmeansThreads | null = null;
let unavailable = false;
let backoff = new ThreadBackoff();
let skipped = 0;

/**
 * Worker threads besides the calling one: one per further core, at most 3 (a pass over 10⁴ points is
 * ~0.3 ms, so more threads would mostly add hand-offs). QOQ_KMEANS_THREADS overrides it (0: no threads).
 */
export function kmeansThreadCount(): number {
  return forcedThreadCount() ?? Math.max(0, Math.min(3, os.availableParallelism() - 1));
}

/** QOQ_KMEANS_THREADS as a count (≤ 8), or null when unset: a forced count also turns the back-off off. */
function forcedThreadCount(): number | null {
  const forced = Number.parseInt(process.env.QOQ_KMEANS_THREADS ?? '', 10);
  return Number.isInteger(forced) && forced >= 0 ? Math.min(forced, 8) : null;
}

/**
 * Passes for a sweep of `points`: threaded when the sweep is large enough and threads can be had,
 * otherwise undefined (the caller runs on its own thread).
 */
export function threadedPasses(points: PointMatrix, kMax: number): PointPasses | undefined {
  if (points.n < MIN_THREADED_POINTS || unavailable) return undefined;
  if (pool?.broken) {
    void pool.close();
    pool = null;
    unavailable = true; // a failed pool is not restarted: the fits are redone on this thread instead
    return undefined;
  }
  if (pool === null) {
    const count = kmeansThreadCount();
    pool = count > 0 ? KmeansThreads.start(count) : null;
    if (pool === null) {
      unavailable = true;
      return undefined;
    }
  }
  if (!backoff.tryThreads() && forcedThreadCount() === null) {
    skipped++;
    return undefined;
  }
  try {
    return pool.session(points, kMax);
  } catch (error) {
    if (!(error instanceof KmeansThreadsFailed)) throw error;
    return undefined;
  }
}

/** Number of workers in the running pool (0: none started), for tests and benchmarks. */
export function kmeansThreadsRunning(): number {
  return pool?.size ?? 0;
}

/** The running pool's counters (see KmeansThreads.stats), or null when none runs. */
export function kmeansThreadStats(): {
  sweeps: number;
  skipped: number;
  passes: number;
  chunks: number;
  chunksOnMain: number;
  waitMs: number;
  parallelism: number;
} | null {
  return pool ? { ...pool.stats, skipped } : null;
}

/** Stops the pool's workers; the next large sweep starts a new pool. Call when training ends. */
export async function closeKmeansThreads(): Promise<void> {
  const closing = pool;
  pool = null;
  unavailable = false;
  backoff = new ThreadBackoff();
  skipped = 0;
  await closing?.close();
}
