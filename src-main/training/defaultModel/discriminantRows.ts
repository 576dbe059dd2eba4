import { allocate, type TensorData } from '../../ml/graph/index.js';
import { MomentSums, scaledRow, standardise } from './momentSums.js';

/**
 * Linear-probe rows for an encoder's output layer (the "LP" of LP-FT, Kumar et al. 2022, placed inside
 * the encoder). The lab's encoders hold the findings in their features — a linear probe on them reads
 * fundus, MRI and ECG well above chance — but only as a few per cent of feature size, which the small
 * decoder did not learn to read (1.1.0 answered at chance there). So some output features are replaced
 * by ridge-regression scores of each domain's labels: the finding becomes a large, simple direction in
 * the decoder's input. Fitted in closed form on the training split only.
 *
 * The rows must separate STUDIES (the label is a study's) while staying quiet on every TOKEN the layer
 * sees — of every domain the encoder serves — because the decoder reads tokens: a row fitted on one
 * domain's study means alone took values hundreds of times its spread on other domains' tokens
 * (measured: rms 27–142 against 0.2 for the other features), which swamps the decoder's RMSNorm; a row
 * fitted on tokens labelled with their study's label carried nothing of fundus, CT or MRI findings (held
 * out: chance), because most tokens of a lesion study show no lesion. So the fit is a generalised ridge:
 * with x standardised over all tokens (z = (x − μ)/σ, σ floored at a tenth of the typical spread), S the
 * covariance of the studies' mean z, T the covariance of single tokens' z, and y per study its label
 * indicator minus 1/L_d for row (d, l) on a study of domain d and 0 on other domains' studies,
 *   B = (S + λ(T + εI))⁻¹ cov(z̄, y),
 * i.e. least squares on study means with a penalty on each row's token-level variance. Row weight
 * w = a·B/σ, bias = −w·μ, with a chosen so the row's values over all training tokens have mean 0 and
 * spread `spread`. Statistics are accumulated study by study (sums of x, xxᵀ per token and per study
 * mean, and of x̄y), so no token is kept.
 */
export interface DiscriminantRow {
  readonly domain: string;
  readonly label: number;
  readonly weight: Float64Array;
  readonly bias: number;
}

export interface DiscriminantOptions {
  /** Ridge strength on standardised inputs (1 = as strong as each input's own variance). */
  readonly ridge: number;
  /** Spread of each row's values over the tokens it is read on (see scope). */
  readonly spread: number;
  /**
   * 'joint' (default; the qoq-med-nano recipe): one regression over every study, targets 0 on other
   * domains' studies, rows centred and scaled over all tokens. 'per-domain': each domain's rows regress
   * on that domain's studies alone (S and cov(z̄, y) within the domain), with the token penalty
   * λ(T_d + quiet·T), and are centred and scaled over the domain's own tokens. Per-domain rows read
   * their domain better (docs/experiments/encoder-probes.md: fundus 0.50 against 0.30 held-out) but,
   * unless `quiet` is large, take values many times their spread on other domains' tokens.
   */
  readonly scope?: 'joint' | 'per-domain';
  /** With scope 'per-domain': weight of the all-token variance T in the penalty. Default 1. */
  readonly quiet?: number;
}

/** Study-level sums of one regression: study means' moments, Σ y and Σ x̄ yᵀ (width × rows). */
interface StudySums {
  /** The tokens of these studies. */
  readonly tokens: MomentSums;
  readonly studies: MomentSums;
  readonly sumY: Float64Array;
  readonly crossY: Float64Array;
}

function studySums(width: number, rows: number): StudySums {
  return { tokens: new MomentSums(width), studies: new MomentSums(width), sumY: new Float64Array(rows), crossY: new Float64Array(width * rows) };
}

function addStudy(sums: StudySums, mean: Float64Array, y: readonly number[]): void {
  const rows = y.length;
  sums.studies.add(mean);
  for (let a = 0; a < mean.length; a++) for (let j = 0; j < rows; j++) sums.crossY[a * rows + j] = (sums.crossY[a * rows + j] as number) + (mean[a] as number) * (y[j] as number);
  for (let j = 0; j < rows; j++) sums.sumY[j] = (sums.sumY[j] as number) + (y[j] as number);
}

/** Keeps T + εI positive definite where some input never varies across tokens. */
const TOKEN_EPSILON = 1e-3;

export class DiscriminantFit {
  private readonly rowsOf: { readonly domain: string; readonly label: number; readonly labels: number }[];
  private readonly tokens: MomentSums;
  private readonly joint: StudySums;
  private readonly byDomain = new Map<string, StudySums>();

  /** `labelsPerDomain`: the domains this encoder serves and their label counts, in row order. */
  constructor(
    readonly width: number,
    labelsPerDomain: Readonly<Record<string, number>>,
  ) {
    this.rowsOf = Object.entries(labelsPerDomain).flatMap(([domain, labels]) => Array.from({ length: labels }, (_, label) => ({ domain, label, labels })));
    if (this.rowsOf.length === 0) throw new Error('DiscriminantFit: no labels');
    this.tokens = new MomentSums(width);
    this.joint = studySums(width, this.rowsOf.length);
    for (const [domain, labels] of Object.entries(labelsPerDomain)) this.byDomain.set(domain, studySums(width, labels));
  }

  get rowCount(): number {
    return this.rowsOf.length;
  }

  /** Adds a study's tokens, (T, width) row-major, with its domain and its label distribution. */
  add(tokens: ArrayLike<number>, domain: string, target: readonly number[]): void {
    const { width } = this;
    if (tokens.length % width !== 0 || tokens.length === 0) throw new Error(`DiscriminantFit: ${tokens.length} values are not tokens of ${width}`);
    if (!this.rowsOf.some((r) => r.domain === domain)) throw new Error(`DiscriminantFit: unknown domain '${domain}'`);
    if (target.length !== this.rowsOf.filter((r) => r.domain === domain).length) throw new Error(`DiscriminantFit: a ${domain} target of ${target.length} labels`);
    const y = this.rowsOf.map((r) => (r.domain === domain ? (target[r.label] as number) - 1 / r.labels : 0));
    const count = tokens.length / width;
    const mean = new Float64Array(width);
    const own = this.byDomain.get(domain)!;
    for (let t = 0; t < count; t++) {
      this.tokens.add(tokens, t * width);
      own.tokens.add(tokens, t * width);
      for (let a = 0; a < width; a++) mean[a] = (mean[a] as number) + (tokens[t * width + a] as number) / count;
    }
    addStudy(this.joint, mean, y);
    addStudy(own, mean, target.map((p) => p - 1 / target.length));
  }

  fit({ ridge, spread, scope = 'joint', quiet = 1 }: DiscriminantOptions): DiscriminantRow[] {
    const { width } = this;
    if (this.joint.studies.n < 2) throw new Error(`DiscriminantFit: ${this.joint.studies.n} studies; at least 2 are needed`);
    const { mean, scale, cov: t } = standardise(this.tokens); // T: tokens' z

    /** B = (S + λ(P + εI))⁻¹ cov(z̄, y) for one set of study sums and token penalty P, as rows of width. */
    const solve = (sums: StudySums, penalty: Float64Array): Float64Array[] => {
      const rows = sums.sumY.length;
      const n = sums.studies.n;
      if (n === 0) return Array.from({ length: rows }, () => new Float64Array(width)); // no study: zero rows
      const system = sums.studies.covariance(scale); // S: study means' z
      for (let i = 0; i < width * width; i++) system[i] = (system[i] as number) + ridge * (penalty[i] as number);
      for (let a = 0; a < width; a++) system[a * width + a] = (system[a * width + a] as number) + ridge * TOKEN_EPSILON;
      const studyMean = sums.studies.mean();
      const rhs = new Float64Array(width * rows); // cov(z̄, y)
      for (let a = 0; a < width; a++)
        for (let j = 0; j < rows; j++) rhs[a * rows + j] = ((sums.crossY[a * rows + j] as number) / n - (studyMean[a] as number) * ((sums.sumY[j] as number) / n)) * (scale[a] as number);
      const coefficients = solveSpd(system, rhs, width, rows);
      return Array.from({ length: rows }, (_, j) => Float64Array.from({ length: width }, (_, k) => coefficients[k * rows + j] as number));
    };
    const ownPenalty = (sums: StudySums): Float64Array => {
      if (sums.tokens.n === 0) return t;
      const td = sums.tokens.covariance(scale);
      return td.map((v, i) => v + quiet * (t[i] as number));
    };
    const directions = scope === 'joint' ? solve(this.joint, t) : [...this.byDomain.values()].flatMap((sums) => solve(sums, ownPenalty(sums)));
    // Where each row is read: 'joint' rows over every token; 'per-domain' rows over their domain's tokens
    // (centred and scaled there — on other domains' tokens the decoder, which knows the domain, can ignore them).
    const readOn = (domain: string): { cov: Float64Array; mean: Float64Array } => {
      const own = this.byDomain.get(domain)!.tokens;
      return scope === 'joint' || own.n === 0 ? { cov: t, mean } : { cov: own.covariance(scale), mean: own.mean() };
    };
    const readCache = new Map<string, { cov: Float64Array; mean: Float64Array }>();

    return this.rowsOf.map(({ domain, label }, j) => {
      const b = directions[j]!;
      if (!readCache.has(domain)) readCache.set(domain, readOn(domain));
      return { domain, label, ...scaledRow(b, scale, readCache.get(domain)!, spread) }; // a label absent from the split gets a zero row
    });
  }
}

/** Solves A·X = B for symmetric positive definite A (m × m) and B (m × c), both row-major, by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, m: number, c: number): Float64Array {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * m + k] as number) * (l[j * m + k] as number);
      if (i === j) {
        if (!(s > 0)) throw new Error('solveSpd: the matrix is not positive definite');
        l[i * m + i] = Math.sqrt(s);
      } else l[i * m + j] = s / (l[j * m + j] as number);
    }
  }
  const x = Float64Array.from(b);
  for (let col = 0; col < c; col++) {
    for (let i = 0; i < m; i++) {
      let s = x[i * c + col] as number;
      for (let k = 0; k < i; k++) s -= (l[i * m + k] as number) * (x[k * c + col] as number);
      x[i * c + col] = s / (l[i * m + i] as number);
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = x[i * c + col] as number;
      for (let k = i + 1; k < m; k++) s -= (l[k * m + i] as number) * (x[k * c + col] as number);
      x[i * c + col] = s / (l[i * m + i] as number);
    }
  }
  return x;
}

/**
 * The layer y = W·x + b (W stored (out, in)) with its LAST rows replaced by `rows`, in order: the other
 * outputs — the calibrated random features, which carry the domain and the image's layout — stay.
 */
export function withDiscriminantRows(weights: ReadonlyMap<string, TensorData>, layer: { readonly weight: string; readonly bias: string }, rows: readonly DiscriminantRow[]): Map<string, TensorData> {
  const w = weights.get(layer.weight);
  const b = weights.get(layer.bias);
  if (!w || !b || w.dims.length !== 2) throw new Error(`withDiscriminantRows: '${layer.weight}' / '${layer.bias}' are not a linear layer`);
  const [out, inner] = w.dims as [number, number];
  if (rows.length > out) throw new Error(`withDiscriminantRows: ${rows.length} rows for a layer of ${out} outputs`);
  const weight = allocate(w.dtype, out * inner);
  for (let i = 0; i < weight.length; i++) weight[i] = w.data[i] as number;
  const bias = allocate(b.dtype, out);
  for (let i = 0; i < out; i++) bias[i] = b.data[i] as number;
  rows.forEach((row, i) => {
    if (row.weight.length !== inner) throw new Error(`withDiscriminantRows: a row of ${row.weight.length} inputs for a layer of ${inner}`);
    const r = out - rows.length + i;
    for (let k = 0; k < inner; k++) weight[r * inner + k] = row.weight[k] as number;
    bias[r] = row.bias;
  });
  const next = new Map(weights);
  next.set(layer.weight, { dtype: w.dtype, dims: [...w.dims], data: weight });
  next.set(layer.bias, { dtype: b.dtype, dims: [...b.dims], data: bias });
  return next;
}
