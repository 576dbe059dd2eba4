import { describe, expect, it } from 'vitest';
import { GraphBuilder, validateGraph } from '../../../../src-main/ml/graph/index.js';
import {
  buildEcgEncoder, checkEcgConfig, ECG_JEPA_QOQ_7B, ecgAttentionMask, ecgParamSpecs, ecgMlpWidth, ecgSelfAttention, ECG_ENCODER_IO, initEcgWeights, leadTimeMask, sincosPositions,
  type EcgConfig,
} from '../../../../src-main/ml/models/ecg/index.js';
import { expectClose } from '../../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../../graph/reference/rng.js';
import { asFloat64, outputOf, referenceWeights, runEncoder } from '../vision/harness/runEncoder.js';
import { ecgReference, refAllowed, refPositions, refSelfAttention, type RefEcgConfig } from './reference/ecgReference.js';

// Real token grid (8 leads × 50 patches = 400 tokens), tiny width.
const tiny: EcgConfig = {
  leads: 8, samples: 2500, patchSize: 50, dim: 16, depth: 2, numHeads: 2, mlpRatio: 2, qkvBias: true,
  layerNormEps: 1e-5, outHiddenSize: 12, dtype: 'float32',
};
const refConfig = (cfg: EcgConfig): RefEcgConfig => ({
  leads: cfg.leads, samples: cfg.samples, patchSize: cfg.patchSize, dim: cfg.dim, depth: cfg.depth, heads: cfg.numHeads,
  mlpWidth: ecgMlpWidth(cfg), qkvBias: cfg.qkvBias, eps: cfg.layerNormEps, outHidden: cfg.outHiddenSize,
});
const weights32 = initEcgWeights(tiny, 77);
const refWeights = referenceWeights(weights32);
const recordLength = tiny.leads * tiny.samples;
const records = uniform(seededRandom(5), 3 * recordLength, -2, 2); // three records, z-score-like range

async function encode(cfg: EcgConfig, values: number[], batch: number) {
  const graph = buildEcgEncoder(cfg, cfg.dtype === 'float32' ? weights32 : asFloat64(weights32));
  const data = cfg.dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  const out = await runEncoder(graph, { [ECG_ENCODER_IO.ecg]: { type: cfg.dtype, dims: [batch, cfg.leads, cfg.samples], data } });
  return outputOf(out, ECG_ENCODER_IO.ecgFeatures);
}

describe('ECG encoder graph', () => {
  it('has exactly the published I/O names and validates', () => {
    const graph = buildEcgEncoder(tiny, weights32);
    expect(validateGraph(graph)).toEqual([]);
    expect(graph.inputs.map((t) => [t.name, t.dtype, t.shape])).toEqual([['ecg', 'float32', ['batch', 8, 2500]]]);
    expect(graph.outputs.map((t) => [t.name, t.dtype, t.shape])).toEqual([['ecg_features', 'float32', ['batch', 12]]]);
  });

  it('accepts the released ECG-JEPA config (no qkv bias, 12 blocks)', () => {
    expect(() => checkEcgConfig(ECG_JEPA_QOQ_7B)).not.toThrow();
    const names = ecgParamSpecs(ECG_JEPA_QOQ_7B).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.endsWith('qkv.bias'))).toEqual([]);
    expect(names).toHaveLength(2 + 12 * 11 + 4);
  });

  it('uses the MAE position table and the same-lead-or-same-time pattern', () => {
    expectClose(sincosPositions(16, 8, 50), refPositions(16, 8, 50), 1e-15);
    const allowed = leadTimeMask(8, 50);
    const ref = refAllowed(50);
    expect(allowed.every((v, k) => v === (ref(Math.floor(k / 400), k % 400) ? 1 : 0))).toBe(true);
    expect(allowed.reduce((a, v) => a + v, 0)).toBe(400 * (50 + 8 - 1)); // each token: its lead + its time column
  });

  const want = [0, 1, 2].map((r) => ecgReference(refConfig(tiny), refWeights, Float64Array.from(records.slice(r * recordLength, (r + 1) * recordLength))));
  // float64 is bounded by GELU's erf, which runs in float32 (ORT has no float64 Erf): ~1e-8 seen.
  for (const [dtype, tolerance] of [['float32', 1e-4], ['float64', 1e-7]] as const) {
    it(`matches the float64 reference on a batch of 3 in ${dtype} (≤ ${tolerance} relative)`, async () => {
      const got = await encode({ ...tiny, dtype }, records, 3);
      expect(got.dims).toEqual([3, tiny.outHiddenSize]);
      expectClose(got.data, want.flatMap((w) => [...w]), tolerance);
    });
  }

  it('gives each record of a batch the same features as running it alone', async () => {
    const batched = await encode(tiny, records, 3);
    for (let r = 0; r < 3; r++) {
      const alone = await encode(tiny, records.slice(r * recordLength, (r + 1) * recordLength), 1);
      expectClose(batched.data.slice(r * 12, (r + 1) * 12), [...alone.data].map(Number), 1e-6);
    }
  });

  it('also runs without a qkv bias (the released encoder)', async () => {
    const cfg = { ...tiny, qkvBias: false };
    const w = new Map(weights32);
    for (const k of [...w.keys()].filter((k) => k.endsWith('attn.qkv.bias'))) w.delete(k);
    const got = outputOf(
      await runEncoder(buildEcgEncoder(cfg, w), { ecg: { type: 'float32', dims: [1, 8, 2500], data: Float32Array.from(records.slice(0, recordLength)) } }),
      'ecg_features',
    );
    expectClose(got.data, ecgReference(refConfig(cfg), referenceWeights(w), Float64Array.from(records.slice(0, recordLength))), 1e-4);
  });
});

describe('ECG attention mask restricts attention', () => {
  const n = 400;
  const d = tiny.dim;
  const tokens = uniform(seededRandom(11), n * d, -1, 1);
  const [lead, patch] = [2, 7];
  const probe = lead * 50 + patch; // token whose output is watched
  const perturb = (token: number) => tokens.map((v, k) => (Math.floor(k / d) === token ? v + 3 : v));
  const row = (xs: ArrayLike<number | bigint>) => Array.from({ length: d }, (_, e) => Number(xs[probe * d + e]));
  const other = 5 * 50 + 30; // another lead AND another time patch
  const sameLead = lead * 50 + 30;
  const samePatch = 5 * 50 + patch;

  async function graphAttention(x: number[]): Promise<number[]> {
    const g = new GraphBuilder('first_block_attention');
    const input = g.input('tokens', 'float32', [1, n, d]);
    g.output(ecgSelfAttention(g, tiny, weights32, 0, input, ecgAttentionMask(g, tiny)), 'attn');
    const graph = g.build();
    return row(outputOf(await runEncoder(graph, { tokens: { type: 'float32', dims: [1, n, d], data: Float32Array.from(x) } }), 'attn').data);
  }
  const refAttention = (x: number[]) => row(refSelfAttention(refConfig(tiny), refWeights, 0, Float64Array.from(x)));

  it('in the reference: another lead and time patch has no effect; the same lead or patch does', () => {
    const base = refAttention(tokens);
    expect(refAttention(perturb(other))).toEqual(base);
    expect(refAttention(perturb(sameLead))).not.toEqual(base);
    expect(refAttention(perturb(samePatch))).not.toEqual(base);
  });

  it('in the graph: another lead and time patch has no effect; the same lead or patch does', async () => {
    const base = await graphAttention(tokens);
    expectClose(base, refAttention(tokens), 1e-5);
    expect(await graphAttention(perturb(other))).toEqual(base);
    expect(await graphAttention(perturb(sameLead))).not.toEqual(base);
    expect(await graphAttention(perturb(samePatch))).not.toEqual(base);
  });
});
