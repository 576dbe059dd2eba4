/**
 * Encoder-output calibration of the nano recipe: per-feature statistics, the standardisation folded into
 * a final linear layer (checked against hand-computed outputs), and the real ECG encoder graph giving
 * zero-mean features of the requested spread after its projection is calibrated on a batch.
 */
import { describe, expect, it } from 'vitest';
import type { TensorData } from '../../src-main/ml/graph/index.js';
import { buildEcgEncoder, ECG_ENCODER_IO, initEcgWeights, type EcgConfig } from '../../src-main/ml/models/ecg/index.js';
import type { Weights } from '../../src-main/ml/models/vision/index.js';
import { calibrateEncoderOutputs, ECG_OUTPUT_LAYER, EncoderOutputStats, VISION_OUTPUT_LAYER } from '../../src-main/training/defaultModel/calibrateEncoderOutputs';
import { FeatureStatsAccumulator } from '../../src-main/training/defaultModel/featureStats';
import { standardizeOutputLayer } from '../../src-main/training/defaultModel/standardizeOutputLayer';
import { seededRandom, uniform } from '../ml/graph/reference/rng.js';
import { outputOf, runEncoder } from '../ml/models/vision/harness/runEncoder.js';

const f64 = (dims: number[], values: number[]): TensorData => ({ dtype: 'float64', dims, data: Float64Array.from(values) });

describe('FeatureStatsAccumulator', () => {
  it('gives per-column mean, population std and overall rms over blocks of rows', () => {
    const acc = new FeatureStatsAccumulator(2);
    acc.add(Float32Array.of(1, 2));
    acc.add(Float64Array.of(3, 6, 5, 10));
    const s = acc.result();
    // columns (1, 3, 5) and (2, 6, 10): means 3 and 6; variances 8/3 and 32/3; rms √((1+9+25+4+36+100)/6)
    expect(s.rows).toBe(3);
    expect([...s.mean]).toEqual([3, 6]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(32 / 3), 12);
    expect(s.rms).toBeCloseTo(Math.sqrt(175 / 6), 12);
  });

  it('rejects rows of the wrong width and an empty result', () => {
    const acc = new FeatureStatsAccumulator(3);
    expect(() => acc.add(Float32Array.of(1, 2))).toThrow(/not rows of 3/);
    expect(() => acc.result()).toThrow(/no rows/);
    expect(() => new FeatureStatsAccumulator(0)).toThrow(/positive integer/);
  });
});

describe('standardizeOutputLayer', () => {
  // y = W·x + b with W = [[1, 2], [0, 1]], b = [1, −1] on x = (1, 0), (0, 1), (2, 2):
  // y = (2, −1), (3, 0), (7, 1) → column means 4 and 0, variances 14/3 and 2/3.
  const weights: Weights = new Map([
    ['head.weight', f64([2, 2], [1, 2, 0, 1])],
    ['head.bias', f64([2], [1, -1])],
    ['other', f64([1], [42])],
  ]);
  const xs = [[1, 0], [0, 1], [2, 2]] as const;
  const ys = [[2, -1], [3, 0], [7, 1]];
  const stats = (() => {
    const acc = new FeatureStatsAccumulator(2);
    for (const y of ys) acc.add(Float64Array.from(y));
    return acc.result();
  })();
  const apply = (w: ReadonlyMap<string, TensorData>, x: readonly number[]): number[] => {
    const W = w.get('head.weight')!.data;
    const b = w.get('head.bias')!.data;
    return [0, 1].map((j) => (W[j * 2] as number) * x[0]! + (W[j * 2 + 1] as number) * x[1]! + (b[j] as number));
  };

  it('maps every output to (y − mean) · target / std, and leaves the other weights alone', () => {
    const next = standardizeOutputLayer(weights, 'head.weight', 'head.bias', stats, 3);
    const sd = [Math.sqrt(14 / 3), Math.sqrt(2 / 3)];
    xs.forEach((x, i) => {
      const got = apply(next, x);
      expect(got[0]).toBeCloseTo(((ys[i]![0]! - 4) * 3) / sd[0]!, 12);
      expect(got[1]).toBeCloseTo(((ys[i]![1]! - 0) * 3) / sd[1]!, 12);
    });
    expect(next.get('other')).toBe(weights.get('other'));
    expect(next.get('head.weight')!.data).toBeInstanceOf(Float64Array);
    expect(weights.get('head.bias')!.data[0]).toBe(1); // the input map is not mutated
  });

  it('does not blow up a constant feature, and rejects mismatched layers', () => {
    const acc = new FeatureStatsAccumulator(2);
    acc.add(Float64Array.of(5, 1, 5, 3)); // column 0 constant
    const next = standardizeOutputLayer(weights, 'head.weight', 'head.bias', acc.result(), 1);
    // The floor caps the gain at 1 / (1 · 10⁻³) = 1000: W row 0 becomes 1000 · (1, 2), b 1000 · (1 − 5).
    expect([...next.get('head.weight')!.data].slice(0, 2)).toEqual([1000, 2000]);
    expect(next.get('head.bias')!.data[0]).toBeCloseTo(-4000, 9);
    expect(() => standardizeOutputLayer(weights, 'missing.weight', 'head.bias', stats, 1)).toThrow(/missing 'missing.weight'/);
    expect(() => standardizeOutputLayer(weights, 'head.weight', 'head.bias', withRows(3).result(), 1)).toThrow(/3 features/);
    expect(() => standardizeOutputLayer(weights, 'head.weight', 'head.bias', stats, 0)).toThrow(/positive/);
  });
});

function withRows(width: number): FeatureStatsAccumulator {
  const acc = new FeatureStatsAccumulator(width);
  acc.add(new Float64Array(width));
  return acc;
}

describe('EncoderOutputStats', () => {
  it('collects image-pad rows and non-zero ECG-pad rows, skipping text and empty ECG slots', () => {
    const stats = new EncoderOutputStats(2, { imagePad: 9, timeSeriesPad: 7 });
    // tokens: text, image, image, ECG, ECG without a recording (zero row)
    stats.add({ tokenIds: [5, 9, 9, 7, 7], embeds: Float32Array.of(100, 100, 1, 2, 3, 4, 10, 20, 0, 0) });
    const vision = stats.vision.result();
    const ecg = stats.ecg.result();
    expect(vision.rows).toBe(2);
    expect([...vision.mean]).toEqual([2, 3]);
    expect(ecg.rows).toBe(1);
    expect([...ecg.mean]).toEqual([10, 20]);
    expect(() => stats.add({ tokenIds: [5], embeds: new Float32Array(3) })).toThrow(/3 values for 1 tokens/);
  });
});

describe('calibrated ECG encoder (the real graph)', () => {
  const tiny: EcgConfig = { leads: 8, samples: 2500, patchSize: 50, dim: 16, depth: 1, numHeads: 2, mlpRatio: 2, qkvBias: false, layerNormEps: 1e-5, outHiddenSize: 6, dtype: 'float32' };
  const batch = 5;
  const records = Float32Array.from(uniform(seededRandom(9), batch * tiny.leads * tiny.samples, -2, 2));
  const encode = async (weights: Weights): Promise<Float32Array> => {
    const out = await runEncoder(buildEcgEncoder(tiny, weights), { [ECG_ENCODER_IO.ecg]: { type: 'float32', dims: [batch, tiny.leads, tiny.samples], data: records } });
    return Float32Array.from(outputOf(out, ECG_ENCODER_IO.ecgFeatures).data as ArrayLike<number>);
  };

  it('gives features of zero mean and the requested spread on the data it was calibrated on', async () => {
    const random = initEcgWeights(tiny, 3);
    const before = await encode(random);
    const acc = new FeatureStatsAccumulator(tiny.outHiddenSize);
    acc.add(before);
    const calibrated = standardizeOutputLayer(random, ECG_OUTPUT_LAYER.weight, ECG_OUTPUT_LAYER.bias, acc.result(), 0.5);
    const after = await encode(calibrated);
    for (let j = 0; j < tiny.outHiddenSize; j++) {
      const column = Array.from({ length: batch }, (_, r) => after[r * tiny.outHiddenSize + j] as number);
      const mean = column.reduce((a, b) => a + b, 0) / batch;
      const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / batch);
      expect(Math.abs(mean)).toBeLessThan(1e-4);
      expect(sd).toBeCloseTo(0.5, 3);
    }
    expect(before.some((v, i) => Math.abs(v - (after[i] as number)) > 1e-3)).toBe(true); // it did change them
    // Only the projection moved: the encoder body's weights are the same objects.
    for (const [name, tensor] of random) if (!name.startsWith('ecg_projection.')) expect(calibrated.get(name)).toBe(tensor);
  });

  it('calibrateEncoderOutputs rescales both encoders to the rms their features had', () => {
    const hidden = 2;
    const layer = (w: number[], b: number[]): [string, TensorData][] => [[`${VISION_OUTPUT_LAYER.weight}`, f64([2, 1], w)], [`${VISION_OUTPUT_LAYER.bias}`, f64([2], b)]];
    const vision: Weights = new Map(layer([1, 1], [0, 0]));
    const ecg: Weights = new Map([[ECG_OUTPUT_LAYER.weight, f64([2, 1], [1, 1])], [ECG_OUTPUT_LAYER.bias, f64([2], [0, 0])]]);
    const stats = new EncoderOutputStats(hidden, { imagePad: 1, timeSeriesPad: 2 });
    // image rows (1, 3) and (3, 5): means (2, 4), std 1 each, rms √((1+9+9+25)/4) = √11
    stats.add({ tokenIds: [1, 1, 2], embeds: Float32Array.of(1, 3, 3, 5, 2, 2) });
    stats.add({ tokenIds: [2], embeds: Float32Array.of(4, 6) }); // ECG rows (2, 2), (4, 6)
    const out = calibrateEncoderOutputs(vision, ecg, stats);
    // vision gain √11 / 1 on both outputs; bias √11 · (0 − mean)
    expect(out.vision.get(VISION_OUTPUT_LAYER.weight)!.data[0]).toBeCloseTo(Math.sqrt(11), 12);
    expect(out.vision.get(VISION_OUTPUT_LAYER.bias)!.data[1]).toBeCloseTo(-4 * Math.sqrt(11), 12);
    // ECG: columns (2, 4) and (2, 6): std 1 and 2, rms √((4+16+4+36)/4) = √15
    expect(out.ecg.get(ECG_OUTPUT_LAYER.weight)!.data[1]).toBeCloseTo(Math.sqrt(15) / 2, 12);
    expect(out.ecg.get(ECG_OUTPUT_LAYER.bias)!.data[0]).toBeCloseTo(-3 * Math.sqrt(15), 12);
    expect(out.stats.ecg.rows).toBe(2);
  });
});
