import { type Bounds, assignRange, initialRange } from './assignKernels';

/*
 * Shared-memory protocol between the thread running a k-means sweep ("main") and its worker threads.
 * The functions here also run in the workers: kmeansWorkerSource.ts sends their source text, so they may
 * call only each other and the kernels of assignKernels.ts (no imports of their own, no closures, no
 * nested functions), and they get the control layout as an argument instead of importing it.
 *
 * One pass over the points is one task. Main writes the task's parameters, then publishes it in two
 * words: CLAIM = type · 2¹⁶ + end · 2⁸ + start (chunks [start, end) are still free), and GEN = sequence · 8
 * + type (the word the workers sleep on). Main takes chunks from the front, workers from the back, each by
 * compare-and-swap on CLAIM, so every thread keeps working on about the same points pass after pass (its
 * cache keeps them); each finished chunk is counted in DONE, and main returns once DONE = chunks. A
 * successful claim is always a chunk of the task being run (main cannot publish the next one while a
 * taken chunk is unfinished, and a CLAIM value seen again later means the same thing), so parameters are
 * read after the claim. A late or descheduled worker never holds main up except for a chunk it has
 * already taken, and main alone does all the chunks when no worker shows up.
 */

/**
 * Int32 word indices in the control buffer (256 bytes; driftMax is the Float64 at byte 192). GEN, CLAIM and
 * DONE sit on cache lines of their own: idle workers poll GEN while the busy threads update CLAIM and DONE.
 */
export const CONTROL = { GEN: 0, N: 1, K: 2, D: 3, CHUNK_SIZE: 4, CHUNKS: 5, ACK: 6, ERROR: 7, READY: 8, CLAIM: 16, DONE: 32 } as const;
export type ControlLayout = typeof CONTROL;
export const CONTROL_BYTES = 256;
export const DRIFT_MAX_BYTE = 192;
/** Int32 words before driftMax. */
export const CONTROL_WORDS = 48;

/** Task types, the low three bits of GEN. */
export const TASK = { INITIAL: 1, ASSIGN: 2, ATTACH: 3, CLOSE: 4 } as const;

/** The shared arrays of one sweep (n points of dimension d, up to kMax centroids). */
export interface Arena {
  readonly x: Float64Array; // (n, d)
  readonly upper: Float64Array; // (n)
  readonly lower: Float64Array; // (n)
  readonly c: Float64Array; // (kMax, d)
  readonly drift: Float64Array; // (kMax)
  readonly half: Float64Array; // (kMax)
  readonly between: Float64Array; // (kMax, kMax), used with row stride k
  readonly labels: Int32Array; // (n)
  readonly changes: Int32Array; // (2n)
  readonly chunkChanges: Int32Array; // (256)
}

/** Bytes an arena needs. */
export function arenaBytes(n: number, d: number, kMax: number): number {
  return 8 * (n * d + 2 * n + kMax * d + 2 * kMax + kMax * kMax) + 4 * (3 * n + 256);
}

/** Views of an arena in `buffer`, laid out identically on every thread. */
export function arenaViews(buffer: SharedArrayBuffer, n: number, d: number, kMax: number): Arena {
  let o = 0; // consecutive views, each starting where the previous one ends (every view is 4/8-byte aligned)
  const f64 = (length: number): Float64Array => {
    const view = new Float64Array(buffer, o, length);
    o += 8 * length;
    return view;
  };
  const i32 = (length: number): Int32Array => {
    const view = new Int32Array(buffer, o, length);
    o += 4 * length;
    return view;
  };
  const x = f64(n * d);
  const upper = f64(n);
  const lower = f64(n);
  const c = f64(kMax * d);
  const drift = f64(kMax);
  const half = f64(kMax);
  const between = f64(kMax * kMax);
  const labels = i32(n);
  const changes = i32(2 * n);
  const chunkChanges = i32(256);
  return { x, upper, lower, c, drift, half, between, labels, changes, chunkChanges };
}

/**
 * Takes and runs chunks of the published pass until none is left, from the front (main) or the back
 * (workers); returns how many it ran.
 */
export function workChunks(L: ControlLayout, ctrl: Int32Array, driftMax: Float64Array, a: Arena, fromFront: boolean): number {
  let ran = 0;
  for (;;) {
    const v = Atomics.load(ctrl, L.CLAIM);
    const start = v & 0xff;
    const end = (v >>> 8) & 0xff;
    if (start >= end) return ran;
    const chunk = fromFront ? start : end - 1;
    if (Atomics.compareExchange(ctrl, L.CLAIM, v, fromFront ? v + 1 : v - 0x100) !== v) continue;
    const n = ctrl[L.N]!;
    const size = ctrl[L.CHUNK_SIZE]!;
    const from = chunk * size;
    const to = Math.min(n, from + size);
    const b: Bounds = {
      x: a.x,
      n,
      d: ctrl[L.D]!,
      k: ctrl[L.K]!,
      c: a.c,
      labels: a.labels,
      upper: a.upper,
      lower: a.lower,
      drift: a.drift,
      half: a.half,
      between: a.between,
    };
    if (v >>> 16 === 1 /* TASK.INITIAL */) initialRange(b, from, to);
    else a.chunkChanges[chunk] = assignRange(b, driftMax[0]!, from, to, a.changes);
    ran++;
    if (Atomics.add(ctrl, L.DONE, 1) + 1 === ctrl[L.CHUNKS]) Atomics.notify(ctrl, L.DONE);
  }
}
