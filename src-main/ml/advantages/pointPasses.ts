import { type Bounds, assignRange, initialRange } from './assignKernels';
import type { PointMatrix } from './PointMatrix';

/**
 * Runs Lloyd's passes over all points, on this thread or split across threads (kmeansThreads.ts). After
 * `assign`, chunk j's changed points are (changes[2·(j·chunkSize + m)], its old label at + 1) for
 * m < chunkChanges[j], in index order, chunks in order: applying them in that order reproduces exactly the
 * running-sum updates of a single in-order pass, so the fit is bit-identical however the pass was split.
 */
export interface PointPasses {
  /** Fresh working state of one fit: centroids copied from `init`, drift zero, other arrays to be filled. */
  bounds(points: PointMatrix, init: Float64Array, k: number): Bounds;
  initial(b: Bounds): void;
  assign(b: Bounds, driftMax: number): void;
  readonly changes: Int32Array;
  readonly chunkChanges: Int32Array;
  readonly chunkSize: number;
  readonly chunks: number;
  /** Called once when the sweep that used these passes ends. */
  finish?(): void;
}

/** All passes on the calling thread, as one chunk. */
export class InThreadPasses implements PointPasses {
  readonly changes: Int32Array;
  readonly chunkChanges = new Int32Array(1);
  readonly chunkSize: number;
  readonly chunks = 1;

  constructor(n: number) {
    this.changes = new Int32Array(2 * n);
    this.chunkSize = n;
  }

  bounds(points: PointMatrix, init: Float64Array, k: number): Bounds {
    const { data: x, n, d } = points;
    return {
      x,
      n,
      d,
      k,
      c: Float64Array.from(init),
      labels: new Int32Array(n),
      upper: new Float64Array(n),
      lower: new Float64Array(n),
      drift: new Float64Array(k),
      half: new Float64Array(k),
      between: new Float64Array(k * k),
    };
  }

  initial(b: Bounds): void {
    initialRange(b, 0, b.n);
  }

  assign(b: Bounds, driftMax: number): void {
    this.chunkChanges[0] = assignRange(b, driftMax, 0, b.n, this.changes);
  }
}
