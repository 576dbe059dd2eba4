/** Running sums of one set of vectors: count, Σx and Σxxᵀ (lower triangle). */
export class MomentSums {
  n = 0;
  readonly sum: Float64Array;
  readonly cross: Float64Array;

  constructor(readonly width: number) {
    this.sum = new Float64Array(width);
    this.cross = new Float64Array(width * width);
  }

  add(x: ArrayLike<number>, offset = 0): void {
    const { width } = this;
    this.n++;
    for (let a = 0; a < width; a++) {
      const xa = x[offset + a] as number;
      this.sum[a] = (this.sum[a] as number) + xa;
      const row = a * width;
      for (let b = 0; b <= a; b++) this.cross[row + b] = (this.cross[row + b] as number) + xa * (x[offset + b] as number);
    }
  }

  mean(): Float64Array {
    return this.sum.map((s) => s / this.n);
  }

  /** Covariance of x·scale (per column), as a full matrix. */
  covariance(scale: Float64Array): Float64Array {
    const { width, n } = this;
    const m = this.mean();
    const out = new Float64Array(width * width);
    for (let a = 0; a < width; a++)
      for (let b = 0; b <= a; b++) {
        const c = ((this.cross[a * width + b] as number) / n - (m[a] as number) * (m[b] as number)) * (scale[a] as number) * (scale[b] as number);
        out[a * width + b] = c;
        out[b * width + a] = c;
      }
    return out;
  }
}
