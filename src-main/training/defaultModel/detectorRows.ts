import type { DiscriminantOptions, DiscriminantRow } from './discriminantRows.js';
import { solveSpd } from './discriminantRows.js';
import { MomentSums, scaledRow, standardise } from './momentSums.js';

/**
 * Lesion-detector rows for an encoder's output layer: per (domain, lesion label), a token-level ridge
 * regression of "this token shows a lesion of that label", supervised by the lab's ground-truth masks —
 * the dense supervision a detection head gets from segmentation masks.
 *
 * Why next to the study-level probe rows (DiscriminantFit): a small fundus haemorrhage or CT nodule
 * covers 1–5 of a study's 64–300 tokens, so in the study mean the probe is fitted on it is a few per cent
 * of the signal and the probe reads those domains near chance on held-out studies (fundus 0.56, CT 0.36–0.42
 * against 0.33; 100 + 100 studies, 2026-11-26). A per-token detector is not diluted: with a maximum over
 * the tokens it read held-out fundus at 0.66 and CT (12 slices) at 0.59. The decoder can take that
 * maximum itself — attention whose query is aligned with the row picks out the few high-scoring tokens.
 *
 * The fit: x standardised over all tokens (z = (x − μ)/σ, σ floored at a tenth of the typical spread), T
 * the tokens' covariance of z, y_j = 1 on the tokens marked positive for row j (of any study, any
 * domain) and 0 on every other token — so each row is also quiet on other domains' tokens —
 *   B = (T + ridge·I)⁻¹ cov(z, y).
 * Row weight w = a·B/σ, bias = −w·μ, with a chosen so the row's values over all training tokens have
 * mean 0 and root-mean-square `spread`. Moments are accumulated token by token; no token is kept.
 */
export interface DetectorSpec {
  readonly domain: string;
  /** Index of the lesion label in the domain's vocabulary. */
  readonly label: number;
}

export class DetectorFit {
  private readonly tokens: MomentSums;
  private readonly sumY: Float64Array;
  private readonly crossY: Float64Array; // Σ x yᵀ over tokens, (width × rows)
  private positives = 0;

  constructor(
    readonly width: number,
    readonly detectors: readonly DetectorSpec[],
  ) {
    if (detectors.length === 0) throw new Error('DetectorFit: no detectors');
    this.tokens = new MomentSums(width);
    this.sumY = new Float64Array(detectors.length);
    this.crossY = new Float64Array(width * detectors.length);
  }

  /** Row of (domain, label), or −1 when that label has no detector. */
  rowOf(domain: string, label: number): number {
    return this.detectors.findIndex((d) => d.domain === domain && d.label === label);
  }

  /** Tokens seen, and how many of them were marked positive for some row. */
  get counts(): { tokens: number; positives: number } {
    return { tokens: this.tokens.n, positives: this.positives };
  }

  /** Adds one image's tokens, (T, width) row-major, with each token's positive row (or −1 for none). */
  add(tokens: ArrayLike<number>, positiveRow: ArrayLike<number>): void {
    const { width } = this;
    const rows = this.detectors.length;
    const count = tokens.length / width;
    if (!Number.isInteger(count) || count === 0) throw new Error(`DetectorFit: ${tokens.length} values are not tokens of ${width}`);
    if (positiveRow.length !== count) throw new Error(`DetectorFit: ${positiveRow.length} token marks for ${count} tokens`);
    for (let t = 0; t < count; t++) {
      this.tokens.add(tokens, t * width);
      const j = positiveRow[t] as number;
      if (j === -1) continue;
      if (!(Number.isInteger(j) && j >= 0 && j < rows)) throw new Error(`DetectorFit: token ${t} marked for row ${j} of ${rows}`);
      this.positives++;
      this.sumY[j] = (this.sumY[j] as number) + 1;
      for (let a = 0; a < width; a++) this.crossY[a * rows + j] = (this.crossY[a * rows + j] as number) + (tokens[t * width + a] as number);
    }
  }

  fit({ ridge, spread }: DiscriminantOptions): DiscriminantRow[] {
    const { width } = this;
    const rows = this.detectors.length;
    const n = this.tokens.n;
    if (n < 2) throw new Error(`DetectorFit: ${n} tokens; at least 2 are needed`);
    if (!(ridge > 0)) throw new Error(`DetectorFit: ridge must be positive, got ${ridge}`);
    const { mean, scale, cov: t } = standardise(this.tokens);
    const system = Float64Array.from(t);
    for (let a = 0; a < width; a++) system[a * width + a] = (system[a * width + a] as number) + ridge;
    const rhs = new Float64Array(width * rows); // cov(z, y) = (Σ x y / n − μ ȳ)·scale
    for (let a = 0; a < width; a++)
      for (let j = 0; j < rows; j++) rhs[a * rows + j] = ((this.crossY[a * rows + j] as number) / n - (mean[a] as number) * ((this.sumY[j] as number) / n)) * (scale[a] as number);
    const coefficients = solveSpd(system, rhs, width, rows);
    const read = { cov: t, mean };
    return this.detectors.map(({ domain, label }, j) => {
      const b = Array.from({ length: width }, (_, k) => coefficients[k * rows + j] as number);
      return { domain, label, ...scaledRow(b, scale, read, spread) }; // a label without positive tokens gets a zero row
    });
  }
}
