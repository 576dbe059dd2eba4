/**
 * Label pre-training of the ECG encoder: the loss graph against a cross-entropy computed by hand from the
 * inference encoder's own output, and training on synthetic records whose label sets their rhythm (the
 * loss must fall; the run must repeat bit for bit).
 */
import { describe, expect, it } from 'vitest';
import { buildEcgEncoder, ECG_ENCODER_IO, initEcgWeights, type EcgConfig } from '../../src-main/ml/models/ecg/index.js';
import { createSession } from '../../src-main/ml/ort/index.js';
import { float32Output, float32Tensor, int64Tensor } from '../../src-main/ml/runtime/hostTensors.js';
import { graphBytes } from '../../src-main/ml/train/graphBytes.js';
import { ECG_STEP_IO, ecgLabelLossGraph, pretrainEcgOnLabels, type EcgLabelRecord } from '../../src-main/training/defaultModel/ecgLabelPretraining';
import { seededRandom } from '../ml/graph/reference/rng.js';

const tiny: EcgConfig = {
  leads: 2, samples: 500, patchSize: 50, dim: 16, depth: 1, numHeads: 2, mlpRatio: 2, qkvBias: false,
  layerNormEps: 1e-5, outHiddenSize: 12, dtype: 'float32',
};
const VALUES = tiny.leads * tiny.samples;

/** Label k: a sine of 2 + 3k cycles per record on both leads, plus noise — told apart by its rhythm. */
function records(n: number, seed: number): EcgLabelRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 3;
    const phase = random() * 2 * Math.PI;
    const ecg = Float32Array.from({ length: VALUES }, (_, j) => Math.sin(phase + (2 * Math.PI * (2 + 3 * label) * (j % tiny.samples)) / tiny.samples) + 0.3 * (random() - 0.5));
    return { ecg, label };
  });
}

describe('ecgLabelLossGraph', () => {
  it('gives the mean cross-entropy of a linear head on the encoder output', async () => {
    const weights = initEcgWeights(tiny, 3);
    const random = seededRandom(4);
    const head = Float32Array.from({ length: 3 * tiny.outHiddenSize }, () => random() - 0.5);
    const batch = records(2, 5);
    const ecg = new Float32Array(2 * VALUES);
    batch.forEach((r, b) => ecg.set(r.ecg, b * VALUES));
    const input = { [ECG_ENCODER_IO.ecg]: float32Tensor([2, tiny.leads, tiny.samples], ecg) };
    const encoder = await createSession(graphBytes(buildEcgEncoder(tiny, weights)), { intraOpThreads: 1 });
    const features = float32Output(await encoder.run(input), ECG_ENCODER_IO.ecgFeatures).data;
    await encoder.release();
    let expected = 0;
    batch.forEach((r, b) => {
      const logits = [0, 1, 2].map((c) => {
        let v = 0;
        for (let k = 0; k < tiny.outHiddenSize; k++) v += features[b * tiny.outHiddenSize + k]! * head[c * tiny.outHiddenSize + k]!;
        return v;
      });
      const max = Math.max(...logits);
      expected -= logits[r.label]! - (max + Math.log(logits.reduce((a, v) => a + Math.exp(v - max), 0)));
    });
    expected /= 2;
    const session = await createSession(graphBytes(ecgLabelLossGraph(tiny, weights, 2, 3, head)), { intraOpThreads: 1 });
    const out = await session.run({ ...input, [ECG_STEP_IO.labels]: int64Tensor([2], batch.map((r) => r.label)) });
    await session.release();
    expect(float32Output(out, ECG_STEP_IO.loss).data[0]).toBeCloseTo(expected, 4);
  });
});

describe('pretrainEcgOnLabels', () => {
  const options = { config: tiny, weights: initEcgWeights(tiny, 8), labels: 3, records: records(30, 9), steps: 120, batch: 4, peakLr: 3e-3, seed: 10 };

  it('learns the synthetic rhythms (the loss falls to under half) and repeats bit for bit', async () => {
    const first = await pretrainEcgOnLabels(options);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(first.losses.subarray(100))).toBeLessThan(0.5 * mean(first.losses.subarray(0, 20)));
    expect([...first.weights.keys()]).toEqual([...options.weights.keys()]);
    const again = await pretrainEcgOnLabels(options);
    expect(again.losses).toEqual(first.losses);
    for (const [name, tensor] of first.weights) expect(again.weights.get(name)!.data).toEqual(tensor.data);
  }, 120_000);

  it('refuses records of another length than the encoder reads, and an empty set', async () => {
    await expect(pretrainEcgOnLabels({ ...options, records: [{ ecg: new Float32Array(10), label: 0 }] })).rejects.toThrow(/10 values, the encoder reads 1000/);
    await expect(pretrainEcgOnLabels({ ...options, records: [] })).rejects.toThrow(/no records/);
  });
});
