/**
 * Per-column mean and standard deviation of feature rows, accumulated row block by row block (float64
 * sums of x and x², so the order of the blocks does not change the result beyond rounding).
 */
export interface FeatureStats {
  readonly width: number;
  readonly rows: number;
  readonly mean: Float64Array;
  /** Population standard deviation per column. */
  readonly std: Float64Array;
  /** Root mean square over every value: the overall size of the features. */
  readonly rms: number;
}

export class FeatureStatsAccumulator {
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  private count = 0;

  constructor(readonly width: number) {
    if (!Number.isInteger(width) || width <= 0) throw new Error(`FeatureStatsAccumulator: width ${width} is not a positive integer`);
    this.sum = new Float64Array(width);
    this.sumSq = new Float64Array(width);
  }

  /** Adds (R, width) row-major rows. */
  add(rows: Float32Array | Float64Array): void {
    if (rows.length % this.width !== 0) throw new Error(`FeatureStatsAccumulator: ${rows.length} values are not rows of ${this.width}`);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i] as number;
      const j = i % this.width;
      this.sum[j] = (this.sum[j] as number) + v;
      this.sumSq[j] = (this.sumSq[j] as number) + v * v;
    }
    this.count += rows.length / this.width;
  }

  result(): FeatureStats {
    if (this.count === 0) throw new Error('FeatureStatsAccumulator: no rows were added');
    const n = this.count;
    const mean = this.sum.map((s) => s / n);
    // max(0, ·): E[x²] − E[x]² can round a hair below zero for a constant column.
    const std = this.sumSq.map((s, j) => Math.sqrt(Math.max(0, s / n - (mean[j] as number) ** 2)));
    const rms = Math.sqrt(this.sumSq.reduce((a, b) => a + b, 0) / (n * this.width));
    return { width: this.width, rows: n, mean, std, rms };
  }
}
