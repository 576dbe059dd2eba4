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

/** Tokens standardised for a closed-form fit: their mean, 1/σ per input, and the covariance T of z = (x − μ)/σ. */
export interface Standardisation {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly cov: Float64Array;
}

/** z = (x − μ)/σ over `tokens`, σ floored at a tenth of the inputs' mean spread (an input that never varies stays finite). */
export function standardise(tokens: MomentSums): Standardisation {
  const { width } = tokens;
  const mean = tokens.mean();
  const raw = tokens.covariance(new Float64Array(width).fill(1));
  const std = mean.map((_, k) => Math.sqrt(Math.max(raw[k * width + k] as number, 0)));
  const floor = Math.max(0.1 * (std.reduce((a, b) => a + b, 0) / width), 1e-12);
  const scale = std.map((s) => 1 / Math.max(s, floor));
  return { mean, scale, cov: tokens.covariance(scale) };
}

/**
 * A linear row in input units from a direction b in z units: w = a·b/σ, bias = −w·mean, with a chosen so
 * the row's values have mean 0 and root-mean-square `spread` over the tokens whose z covariance is `cov`
 * and whose mean is `mean`. A zero direction (a label with no data) gives a zero row.
 */
export function scaledRow(b: ArrayLike<number>, scale: Float64Array, read: { readonly cov: Float64Array; readonly mean: Float64Array }, spread: number): { weight: Float64Array; bias: number } {
  const width = scale.length;
  let variance = 0; // bᵀ C b
  for (let p = 0; p < width; p++) for (let q = 0; q < width; q++) variance += (b[p] as number) * (read.cov[p * width + q] as number) * (b[q] as number);
  const gain = variance > 0 ? spread / Math.sqrt(variance) : 0;
  const weight = Float64Array.from({ length: width }, (_, k) => gain * (b[k] as number) * (scale[k] as number));
  const bias = -weight.reduce((s, w, k) => s + w * (read.mean[k] as number), 0);
  return { weight, bias };
}
