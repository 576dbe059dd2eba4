/**
 * Dense lesion pre-training of the vision encoder: the loss graph against a cross-entropy computed by hand
 * from the inference encoder's own output, the learning-rate schedule against its formula, training on a
 * synthetic task whose lesion tokens are knowable (the loss must fall, the run must repeat bit for bit),
 * and the token classes read from real lab files and their ground-truth masks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLab, LAB_DOMAINS, type LabDomain } from '../../src-main/lab/index';
import { readLabRecords } from '../../src-main/training/defaultModel/labStudyRequests';
import { buildVisionEncoder, initVisionWeights, patchVectorLength, VISION_ENCODER_IO, type VisionConfig } from '../../src-main/ml/models/vision/index.js';
import { createSession } from '../../src-main/ml/ort/index.js';
import { float32Output, float32Tensor, int64Tensor } from '../../src-main/ml/runtime/hostTensors.js';
import { loadModel } from '../../src-main/ml/runtime/index.js';
import { buildRandomTestPackage } from '../../src-main/ml/testPackage/index.js';
import { graphBytes } from '../../src-main/ml/train/graphBytes.js';
import { labLesionDetectors } from '../../src-main/training/defaultModel/lesionTokenMarks';
import { collectPretrainingData } from '../../src-main/training/defaultModel/pretrainingData';
import {
  lesionLossGraph, lesionPretrainingLr, LESION_STEP_IO, pretrainVisionOnLesions, tokenClassesFromMarks, weightedDomainPicker,
  type LesionTokenStudy,
} from '../../src-main/training/defaultModel/lesionTokenPretraining';
import { seededRandom } from '../ml/graph/reference/rng.js';

// A tiny tower (windowed block, then full attention), so step graphs build in a second.
const tiny: VisionConfig = {
  patchSize: 14, temporalPatchSize: 2, inChannels: 3, hiddenSize: 16, depth: 2, numHeads: 2, intermediateSize: 24,
  spatialMergeSize: 2, outHiddenSize: 12, windowSize: 28, fullAttentionBlocks: [1], ropeTheta: 10000, rmsNormEps: 1e-6, dtype: 'float32',
};
const COLUMNS = patchVectorLength(tiny);
const detectors = [{ domain: 'a', label: 0 }, { domain: 'a', label: 1 }];

/**
 * A 4 × 4-patch image (4 tokens) in patch order: noise, and on a lesion token of detector k all four of
 * its patches lifted by 1.5 in colour channel k — a finding a per-token head can learn.
 */
function syntheticImage(random: () => number, classes: readonly number[]): { pixelValues: Float32Array; patches: number; gridThw: number[]; tokenClasses: Int32Array } {
  const patches = 16;
  const pixelValues = Float32Array.from({ length: patches * COLUMNS }, () => random() - 0.5);
  classes.forEach((c, token) => {
    if (c === 0) return;
    const channelLength = COLUMNS / 3;
    for (let p = token * 4; p < token * 4 + 4; p++) for (let i = 0; i < channelLength; i++) pixelValues[p * COLUMNS + (c - 1) * channelLength + i]! += 1.5;
  });
  return { pixelValues, patches, gridThw: [1, 4, 4], tokenClasses: Int32Array.from(classes) };
}

function syntheticStudies(n: number, seed: number): LesionTokenStudy[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const classes = [0, 0, 0, 0];
    const kind = Math.floor(random() * 3); // 0 none, 1 or 2 a lesion of that detector on one token
    if (kind > 0) classes[Math.floor(random() * 4)] = kind;
    return { domain: 'a', images: [syntheticImage(random, classes)] };
  });
}

describe('tokenClassesFromMarks', () => {
  it('maps a lesion label to 1 + its detector row and unmarked tokens to 0', () => {
    expect(Array.from(tokenClassesFromMarks(Int32Array.of(-1, 1, 0, -1), 'a', detectors))).toEqual([0, 2, 1, 0]);
  });
  it('refuses a label that has no detector', () => {
    expect(() => tokenClassesFromMarks(Int32Array.of(2), 'a', detectors)).toThrow(/no detector for a label 2/);
  });
});

describe('weightedDomainPicker', () => {
  it('without weights picks domains[floor(u·n)], as a uniform draw', () => {
    const pick = weightedDomainPicker(['a', 'b', 'c']);
    for (const u of [0, 0.2, 1 / 3 - 1e-12, 1 / 3, 0.5, 0.999999]) expect(pick(u)).toBe(['a', 'b', 'c'][Math.floor(u * 3)]);
  });
  it('gives each domain a share of [0, 1) proportional to its weight', () => {
    // Weights a 1, b 3, c 1 (total 5): a on [0, 0.2), b on [0.2, 0.8), c on [0.8, 1).
    const pick = weightedDomainPicker(['a', 'b', 'c'], { b: 3 });
    expect([0, 0.19, 0.2, 0.5, 0.79, 0.8, 0.99].map(pick)).toEqual(['a', 'a', 'b', 'b', 'b', 'c', 'c']);
  });
  it('refuses a weight that is not positive, or one for a domain without studies', () => {
    expect(() => weightedDomainPicker(['a'], { a: 0 })).toThrow(/positive/);
    expect(() => weightedDomainPicker(['a'], { a: Number.NaN })).toThrow(/positive/);
    expect(() => weightedDomainPicker(['a'], { z: 2 })).toThrow(/z, which has no image studies/);
  });
});

describe('lesionPretrainingLr', () => {
  it('warms up linearly over 100 steps, then decays by a cosine to a tenth of the peak', () => {
    // By hand: step 50 → ½ of warm-up; cos(π·50/1000) = 0.98769 → 0.1 + 0.45·1.98769 = 0.99446.
    expect(lesionPretrainingLr(50, 1000, 1e-3)).toBeCloseTo(1e-3 * 0.5 * 0.99446, 8);
    expect(lesionPretrainingLr(500, 1000, 1e-3)).toBeCloseTo(1e-3 * 0.55, 10);
    expect(lesionPretrainingLr(1000, 1000, 1e-3)).toBeCloseTo(1e-4, 10);
  });
});

describe('lesionLossGraph', () => {
  it('gives the token-weighted cross-entropy of a linear head on the encoder output', async () => {
    const weights = initVisionWeights(tiny, 77);
    const random = seededRandom(9);
    const head = Float32Array.from({ length: 3 * tiny.outHiddenSize }, () => random() - 0.5);
    const image = syntheticImage(random, [0, 2, 0, 1]);
    const tokenWeights = Float32Array.of(1, 5, 1, 5);
    const feeds = {
      [VISION_ENCODER_IO.pixelValues]: float32Tensor([16, COLUMNS], image.pixelValues),
      [VISION_ENCODER_IO.gridThw]: int64Tensor([1, 3], image.gridThw),
    };
    const encoder = await createSession(graphBytes(buildVisionEncoder(tiny, weights)), { intraOpThreads: 1 });
    const features = float32Output(await encoder.run(feeds), VISION_ENCODER_IO.imageFeatures).data;
    await encoder.release();
    // Independently: logits = f·Hᵀ, log-softmax in float64, −Σ w_t log p_t[c_t] / T.
    let expected = 0;
    for (let t = 0; t < 4; t++) {
      const logits = [0, 1, 2].map((c) => {
        let v = 0;
        for (let k = 0; k < tiny.outHiddenSize; k++) v += features[t * tiny.outHiddenSize + k]! * head[c * tiny.outHiddenSize + k]!;
        return v;
      });
      const max = Math.max(...logits);
      const logSum = max + Math.log(logits.reduce((a, v) => a + Math.exp(v - max), 0));
      expected -= tokenWeights[t]! * (logits[image.tokenClasses[t]!]! - logSum);
    }
    expected /= 4;
    const lossSession = await createSession(graphBytes(lesionLossGraph(tiny, weights, 16, 3, head)), { intraOpThreads: 1 });
    const out = await lossSession.run({
      ...feeds,
      [LESION_STEP_IO.tokenClasses]: int64Tensor([4], image.tokenClasses),
      [LESION_STEP_IO.tokenWeights]: float32Tensor([4], tokenWeights),
    });
    await lossSession.release();
    expect(float32Output(out, LESION_STEP_IO.loss).data[0]).toBeCloseTo(expected, 4);
  });
});

describe('pretrainVisionOnLesions', () => {
  const options = {
    config: tiny,
    weights: initVisionWeights(tiny, 5),
    detectors,
    studies: syntheticStudies(60, 11),
    steps: 240,
    peakLr: 3e-3,
    lesionWeight: 3,
    lesionImageShare: 0.5,
    seed: 21,
  };

  it('learns the synthetic lesions (the loss falls to under half) and repeats bit for bit', async () => {
    const first = await pretrainVisionOnLesions(options);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(first.losses.subarray(200))).toBeLessThan(0.5 * mean(first.losses.subarray(0, 40)));
    expect([...first.weights.keys()]).toEqual([...options.weights.keys()]); // the head is not returned
    for (const [name, tensor] of first.weights) expect(tensor.dims).toEqual(options.weights.get(name)!.dims);
    expect(first.weights.get('visual.patch_embed.proj.weight')!.data).not.toEqual(options.weights.get('visual.patch_embed.proj.weight')!.data);
    const again = await pretrainVisionOnLesions(options);
    expect(again.losses).toEqual(first.losses);
    for (const [name, tensor] of first.weights) expect(again.weights.get(name)!.data).toEqual(tensor.data);
  }, 120_000);

  it('refuses a split without image studies', async () => {
    await expect(pretrainVisionOnLesions({ ...options, studies: [] })).rejects.toThrow(/no image studies/);
  });
});

describe('collectPretrainingData on lab files', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'qoq-lesion-tokens-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("marks the tokens of a lesion study with its detector's class, leaves normal studies unmarked, and labels each ECG", async () => {
    const labDir = path.join(work, 'lab');
    await generateLab({ seed: 4, outDir: labDir, split: 'train', counts: { skin: 2, fundus: 3, ecg: 2 } as Record<LabDomain, number> });
    await buildRandomTestPackage(path.join(work, 'model'), { seed: 5 });
    const model = await loadModel(path.join(work, 'model'), { intraOpThreads: 1 });
    const all = labLesionDetectors();
    const data = await collectPretrainingData(labDir, path.join(work, 'store'), model, all, 2).finally(() => model.release());
    const studies = data.images;
    const records = readLabRecords(labDir).filter((r) => r.dataset !== 'ecg');
    const ecgRecords = readLabRecords(labDir).filter((r) => r.dataset === 'ecg');
    expect(data.ecg.map((r) => LAB_DOMAINS.ecg.labels[r.label])).toEqual(ecgRecords.map((r) => r.labels[0]));
    for (const r of data.ecg) expect(r.ecg.length).toBe(8 * 2500);
    expect(studies.map((s) => s.domain)).toEqual(records.map((r) => r.dataset));
    studies.forEach((study, i) => {
      const label = records[i]!.labels[0]!;
      const classes = new Set(study.images.flatMap((im) => Array.from(im.tokenClasses)));
      if (label === 'normal') expect([...classes]).toEqual([0]);
      else {
        const row = all.findIndex((d) => d.domain === study.domain && LAB_DOMAINS[study.domain as LabDomain].labels[d.label] === label);
        expect(classes).toEqual(new Set([0, 1 + row])); // a lesion covers some tokens, not all
      }
      for (const im of study.images) expect(im.tokenClasses.length * 4).toBe(im.patches);
    });
    expect(studies.some((s) => s.images.some((im) => im.tokenClasses.some((c) => c > 0)))).toBe(true);
  }, 120_000);

  it('keeps every lesion-showing slice of a volume and only the asked number of quiet ones, evenly spaced', async () => {
    const labDir = path.join(work, 'lab-ct');
    await generateLab({ seed: 6, outDir: labDir, split: 'train', counts: { ct: 3 } as Record<LabDomain, number> });
    await buildRandomTestPackage(path.join(work, 'model-ct'), { seed: 5 });
    const model = await loadModel(path.join(work, 'model-ct'), { intraOpThreads: 1 });
    // Read each volume as twelve slices, as the default model does (the test package reads first and last).
    Object.assign(model.manifest.preprocessing, { volumeSlices: { strategy: 'evenly-spaced', count: 12 }, maxImages: 12 });
    const all = labLesionDetectors();
    const full = await collectPretrainingData(labDir, path.join(work, 'store-ct'), model, all, 2);
    const slim = await collectPretrainingData(labDir, path.join(work, 'store-ct'), model, all, 2, { quietImagesPerStudy: 2 }).finally(() => model.release());
    const shows = (im: { tokenClasses: Int32Array }) => im.tokenClasses.some((c) => c > 0);
    expect(full.images.some((s) => s.images.some(shows))).toBe(true); // the split has a lesion to keep
    full.images.forEach((study, i) => {
      const quiet = study.images.filter((im) => !shows(im));
      expect(quiet.length).toBeGreaterThan(2);
      // Quiet images at positions round(i·(n − 1)/(2 − 1)) of the quiet ones: the first and the last.
      const expected = study.images.filter((im) => shows(im) || im === quiet[0] || im === quiet[quiet.length - 1]);
      expect(slim.images[i]!.images.map((im) => im.pixelValues)).toEqual(expected.map((im) => im.pixelValues));
    });
  }, 120_000);
});
