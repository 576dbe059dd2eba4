/**
 * Linear-probe rows of the nano recipe's encoder output layers: the Cholesky solve, the closed-form rows
 * (a one-input case worked by hand, a separable case checked on held-out points, quiet on other domains), placing rows into a
 * layer, and locating a layer's input in the real ECG encoder graph (its features = input·Wᵀ + b).
 */
import { describe, expect, it } from 'vitest';
import type { TensorData } from '../../src-main/ml/graph/index.js';
import { buildEcgEncoder, ECG_ENCODER_IO, initEcgWeights, type EcgConfig } from '../../src-main/ml/models/ecg/index.js';
import { ECG_OUTPUT_LAYER } from '../../src-main/training/defaultModel/calibrateEncoderOutputs';
import { DiscriminantFit, solveSpd, withDiscriminantRows, type DiscriminantOptions } from '../../src-main/training/defaultModel/discriminantRows';
import { withLinearLayerInput } from '../../src-main/training/defaultModel/linearLayerInput';
import { seededRandom, uniform } from '../ml/graph/reference/rng.js';
import { outputOf, runEncoder } from '../ml/models/vision/harness/runEncoder.js';

const score = (row: { weight: Float64Array; bias: number }, x: ArrayLike<number>): number => row.weight.reduce((s, w, k) => s + w * (x[k] as number), row.bias);

describe('solveSpd', () => {
  it('solves a 2 × 2 system by hand: [[4, 2], [2, 3]]·x = (2, 1) → x = (0.5, 0); two right-hand sides at once', () => {
    const x = solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 4, 1, 2), 2, 2); // columns (2, 1) and (4, 2)
    expect(x[0]).toBeCloseTo(0.5, 14);
    expect(x[2]).toBeCloseTo(0, 14);
    expect(x[1]).toBeCloseTo(1, 14);
    expect(x[3]).toBeCloseTo(0, 14);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => solveSpd(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2, 1)).toThrow(/not positive definite/);
  });
});

/** A fit over studies of one token each (then token-level and study-level fits coincide). */
function fitOf(width: number, labels: Record<string, number>, studies: { domain: string; x: number[]; target: number[] }[], options: DiscriminantOptions = { ridge: 1, spread: 1 }) {
  const fit = new DiscriminantFit(width, labels);
  for (const s of studies) fit.add(s.x, s.domain, s.target);
  return fit.fit(options);
}

describe('DiscriminantFit', () => {
  it('one input worked by hand: x = 1..4, labels (0, 0, 1, 1) → label 1 row = spread·(x − μ)/σ, whatever the ridge', () => {
    const studies = [1, 2, 3, 4].map((x, i) => ({ domain: 'd', x: [x], target: i < 2 ? [1, 0] : [0, 1] }));
    const sigma = Math.sqrt(1.25); // population std of 1..4
    for (const ridge of [0.1, 1, 10]) {
      const rows = fitOf(1, { d: 2 }, studies, { ridge, spread: 2 });
      expect(rows.map((r) => [r.domain, r.label])).toEqual([['d', 0], ['d', 1]]);
      expect(rows[1]!.weight[0]).toBeCloseTo(2 / sigma, 12);
      expect(rows[1]!.bias).toBeCloseTo((-2 * 2.5) / sigma, 12);
      expect(rows[0]!.weight[0]).toBeCloseTo(-2 / sigma, 12); // centred targets: the other label's mirror
    }
  });

  it('a study of several tokens counts each token: tokens (1, 2) and (3, 4) with labels 0 and 1 fit like four studies', () => {
    const fit = new DiscriminantFit(1, { d: 2 });
    fit.add([1, 2], 'd', [1, 0]);
    fit.add([3, 4], 'd', [0, 1]);
    const [, row] = fit.fit({ ridge: 1, spread: 2 });
    expect(row!.weight[0]).toBeCloseTo(2 / Math.sqrt(1.25), 12);
  });

  it('separates held-out points of a noisy, nuisance-laden domain; values have mean 0 and the set spread on the fit tokens', () => {
    const rand = seededRandom(21);
    const draw = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const label = i % 3;
        const x = uniform(rand, 6, -1, 1, false).map((v, k) => 0.1 * v + (k === label ? 0.2 : 0) + 5); // signal 0.2 (noise sd 0.06) on a large common value
        x[5] = 40 * (x[5]! - 5); // a loud nuisance input
        return { domain: 'd', x, target: [0, 1, 2].map((j) => (j === label ? 1 : 0)) };
      });
    const train = draw(90);
    const rows = fitOf(6, { d: 3 }, train, { ridge: 0.1, spread: 3 });
    for (const row of rows) {
      const scores = train.map((e) => score(row, e.x));
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      expect(Math.sqrt(scores.reduce((a, v) => a + (v - mean) ** 2, 0) / scores.length)).toBeCloseTo(3, 9);
    }
    const test = draw(60);
    const correct = test.filter((e) => {
      const s = rows.map((r) => score(r, e.x));
      return e.target[s.indexOf(Math.max(...s))] === 1;
    }).length;
    expect(correct / test.length).toBeGreaterThan(0.8); // chance is 1/3
  });

  it("keeps a domain's rows quiet on another domain's tokens, even far away in input space", () => {
    const rand = seededRandom(4);
    const studies = Array.from({ length: 200 }, (_, i) => {
      const inA = i % 2 === 0;
      const label = (i >> 1) % 2;
      // Domain b sits 50 units away on input 1; domain a's label is input 0's sign.
      const x = [(label ? 1 : -1) * (inA ? 1 : 0) + 0.3 * (rand() - 0.5), (inA ? 0 : 50) + rand() - 0.5];
      return { domain: inA ? 'a' : 'b', x, target: label ? [0, 1] : [1, 0] };
    });
    const rows = fitOf(2, { a: 2, b: 2 }, studies, { ridge: 0.01, spread: 1 });
    const aRow = rows.find((r) => r.domain === 'a' && r.label === 1)!;
    const onB = studies.filter((s) => s.domain === 'b').map((s) => score(aRow, s.x));
    const onA = studies.filter((s) => s.domain === 'a').map((s) => [score(aRow, s.x), s.target[1]!] as const);
    expect(Math.max(...onB.map(Math.abs))).toBeLessThan(0.3); // a per-domain fit would extrapolate to ±hundreds here
    expect(onA.every(([v, label]) => (v > 0) === (label === 1))).toBe(true);
  });

  it('finds a finding carried by one token of eight (a small lesion) and classifies held-out studies by their token mean', () => {
    const rand = seededRandom(8);
    const study = (lesion: boolean): { x: number[]; target: number[] } => {
      const x = uniform(rand, 8 * 4, -1, 1, false); // 8 tokens × 4 inputs of noise
      x[4] = 10 * x[4]!; // and a loud nuisance input on one token
      if (lesion) x[Math.floor(rand() * 8) * 4 + 1] = (x[1] as number) + 3; // the lesion: input 1 of one token
      return { x, target: lesion ? [1, 0] : [0, 1] };
    };
    const fit = new DiscriminantFit(4, { d: 2 });
    for (let i = 0; i < 200; i++) {
      const s = study(i % 2 === 0);
      fit.add(s.x, 'd', s.target);
    }
    const [lesionRow] = fit.fit({ ridge: 0.5, spread: 1 });
    expect(Math.abs(lesionRow!.weight[1]!)).toBeGreaterThan(2 * Math.max(Math.abs(lesionRow!.weight[0]!), Math.abs(lesionRow!.weight[2]!), Math.abs(lesionRow!.weight[3]!)));
    let correct = 0;
    for (let i = 0; i < 100; i++) {
      const s = study(i % 2 === 0);
      const meanScore = Array.from({ length: 8 }, (_, t) => score(lesionRow!, s.x.slice(t * 4, t * 4 + 4))).reduce((a, b) => a + b, 0) / 8;
      if ((meanScore > 0) === (s.target[0] === 1)) correct++;
    }
    expect(correct).toBeGreaterThan(65); // chance 50; the Bayes rule on the token mean gets ≈ 82
  });

  it("'per-domain' scope: a domain's rows do not depend on another domain's studies (with quiet 0, up to the ε term), where 'joint' rows do", () => {
    const rand = seededRandom(12);
    const aStudies = Array.from({ length: 60 }, (_, i) => {
      const label = i % 2;
      return { domain: 'a', x: [(label ? 0.5 : -0.5) + 0.4 * (rand() - 0.5), 0.3 * (rand() - 0.5)], target: label ? [0, 1] : [1, 0] };
    });
    // Domain b: inputs correlated with each other, on a's scale (so the tokens' σ, and with it the ε term in
    // z units, barely move), its labels carried by input 1.
    const bStudies = Array.from({ length: 60 }, (_, i) => {
      const label = i % 2;
      const u = 0.8 * (rand() - 0.5);
      return { domain: 'b', x: [u, 0.8 * u + (label ? 0.2 : -0.2)], target: label ? [0, 1] : [1, 0] };
    });
    const direction = (row: { weight: Float64Array }) => {
      const n = Math.hypot(...row.weight);
      return [...row.weight].map((w) => w / n);
    };
    const options = { ridge: 0.5, spread: 1, scope: 'per-domain' as const, quiet: 0 };
    const alone = fitOf(2, { a: 2, b: 2 }, aStudies, options);
    const both = fitOf(2, { a: 2, b: 2 }, [...aStudies, ...bStudies], options);
    const aAlone = direction(alone.find((r) => r.domain === 'a' && r.label === 1)!);
    const aBoth = direction(both.find((r) => r.domain === 'a' && r.label === 1)!);
    aAlone.forEach((v, k) => expect(aBoth[k]).toBeCloseTo(v, 3)); // only the ε·I term, in z units, moves it
    // Domain b had no study in the first fit: its rows are zero there, fitted in the second.
    expect(alone.filter((r) => r.domain === 'b').every((r) => r.weight.every((w) => w === 0))).toBe(true);
    expect(both.filter((r) => r.domain === 'b').every((r) => r.weight.some((w) => w !== 0))).toBe(true);
    const jointBoth = direction(fitOf(2, { a: 2, b: 2 }, [...aStudies, ...bStudies], { ridge: 0.5, spread: 1 }).find((r) => r.domain === 'a' && r.label === 1)!);
    expect(Math.abs(jointBoth[1]! - aAlone[1]!)).toBeGreaterThan(0.05); // the joint fit must also score b's studies 0
  });

  it("'per-domain' with two inputs against the closed form solved by hand: B = (S_d + λ(T_d + quiet·T + εI))⁻¹ cov(z̄, y)", () => {
    // One domain, studies of one token each: x = (0,0) (1,1) (2,1) (3,3), labels 0 0 1 1 (as the detector test).
    // Every token is the domain's, so T_d = T = S_d (population covariance of z); z uses the tokens' μ and σ.
    const xs = [[0, 0], [1, 1], [2, 1], [3, 3]];
    const studies = xs.map((x, i) => ({ domain: 'd', x, target: i < 2 ? [1, 0] : [0, 1] }));
    const [ridge, quiet] = [0.4, 0.25];
    const [, row] = fitOf(2, { d: 2 }, studies, { ridge, spread: 1, scope: 'per-domain', quiet });
    const s1 = Math.sqrt(1.25);
    const s2 = Math.sqrt(1.1875);
    const rho = 1.125 / (s1 * s2); // correlation: S = T = [[1, ρ], [ρ, 1]] in z
    const eps = 1e-3;
    const diag = 1 + ridge * (1 + eps + quiet); // S + λ(T_d + quiet·T + εI), diagonal
    const off = rho * (1 + ridge * (1 + quiet));
    // cov(z̄, y) with y = indicator − 1/2 = (−½, −½, ½, ½): (Σ x y / n − μ ȳ)/σ = (Σ x y / 4)/σ.
    const c = [((-0 - 1 + 2 + 3) / 2 / 4) / s1, ((-0 - 1 + 1 + 3) / 2 / 4) / s2];
    const det = diag * diag - off * off;
    const b = [(diag * c[0]! - off * c[1]!) / det, (-off * c[0]! + diag * c[1]!) / det];
    const gain = 1 / Math.sqrt(b[0]! ** 2 + 2 * rho * b[0]! * b[1]! + b[1]! ** 2); // rms 1 over the tokens (T = S)
    expect(row!.weight[0]).toBeCloseTo((gain * b[0]!) / s1, 10);
    expect(row!.weight[1]).toBeCloseTo((gain * b[1]!) / s2, 10);
  });

  it('refuses unknown domains, wrong target sizes, ragged tokens and a fit on one study', () => {
    const fit = new DiscriminantFit(2, { a: 2 });
    expect(() => fit.add([1, 2], 'b', [1, 0])).toThrow(/unknown domain 'b'/);
    expect(() => fit.add([1, 2], 'a', [1])).toThrow(/a a target of 1 labels/);
    expect(() => fit.add([1, 2, 3], 'a', [1, 0])).toThrow(/3 values are not tokens of 2/);
    fit.add([1, 2], 'a', [1, 0]);
    expect(() => fit.fit({ ridge: 1, spread: 1 })).toThrow(/1 studies; at least 2/);
  });
});

describe('withDiscriminantRows', () => {
  const layer = { weight: 'w', bias: 'b' };
  const weights = new Map<string, TensorData>([
    ['w', { dtype: 'float32', dims: [3, 2], data: Float32Array.of(1, 2, 3, 4, 5, 6) }],
    ['b', { dtype: 'float32', dims: [3], data: Float32Array.of(7, 8, 9) }],
    ['other', { dtype: 'float32', dims: [1], data: Float32Array.of(0) }],
  ]);

  it('replaces the last rows in order and keeps the others, the dtype and the other weights', () => {
    const next = withDiscriminantRows(weights, layer, [
      { domain: 'd', label: 0, weight: Float64Array.of(-1, -2), bias: -3 },
      { domain: 'd', label: 1, weight: Float64Array.of(-4, -5), bias: -6 },
    ]);
    expect(Array.from(next.get('w')!.data as Float32Array)).toEqual([1, 2, -1, -2, -4, -5]);
    expect(Array.from(next.get('b')!.data as Float32Array)).toEqual([7, -3, -6]);
    expect(next.get('w')!.dtype).toBe('float32');
    expect(next.get('other')).toBe(weights.get('other'));
    expect(Array.from(weights.get('w')!.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]); // input untouched
  });

  it('refuses more rows than outputs and rows of the wrong width', () => {
    const row = { domain: 'd', label: 0, weight: Float64Array.of(1, 1), bias: 0 };
    expect(() => withDiscriminantRows(weights, layer, [row, row, row, row])).toThrow(/4 rows for a layer of 3/);
    expect(() => withDiscriminantRows(weights, layer, [{ ...row, weight: Float64Array.of(1) }])).toThrow(/1 inputs for a layer of 2/);
  });
});

describe('withLinearLayerInput', () => {
  it("exposes the ECG projection's input: the encoder's features are exactly input·Wᵀ + b", async () => {
    const cfg: EcgConfig = { leads: 2, samples: 200, patchSize: 50, dim: 8, depth: 1, numHeads: 2, mlpRatio: 2, qkvBias: false, layerNormEps: 1e-5, outHiddenSize: 6, dtype: 'float32' };
    const weights = initEcgWeights(cfg, 4);
    const graph = withLinearLayerInput(buildEcgEncoder(cfg, weights), ECG_OUTPUT_LAYER.weight, 'layer_input');
    const out = await runEncoder(graph, { [ECG_ENCODER_IO.ecg]: { type: 'float32', dims: [3, 2, 200], data: Float32Array.from(uniform(seededRandom(2), 3 * 400, -1, 1)) } });
    const input = outputOf(out, 'layer_input');
    const features = outputOf(out, ECG_ENCODER_IO.ecgFeatures);
    expect(input.dims).toEqual([3, 8]);
    const w = weights.get(ECG_OUTPUT_LAYER.weight)!.data;
    const b = weights.get(ECG_OUTPUT_LAYER.bias)!.data;
    for (let r = 0; r < 3; r++)
      for (let j = 0; j < 6; j++) {
        let y = b[j] as number;
        for (let k = 0; k < 8; k++) y += (w[j * 8 + k] as number) * (input.data[r * 8 + k] as number);
        expect(features.data[r * 6 + j] as number).toBeCloseTo(y, 5);
      }
  });

  it('names the weight when no linear layer uses it', () => {
    const cfg: EcgConfig = { leads: 2, samples: 100, patchSize: 50, dim: 8, depth: 1, numHeads: 2, mlpRatio: 2, qkvBias: false, layerNormEps: 1e-5, outHiddenSize: 6, dtype: 'float32' };
    expect(() => withLinearLayerInput(buildEcgEncoder(cfg, initEcgWeights(cfg, 1)), 'ecg_encoder.norm.weight', 'x')).toThrow(/no MatMul\(x, Transpose\('ecg_encoder.norm.weight'\)\)/);
  });
});
