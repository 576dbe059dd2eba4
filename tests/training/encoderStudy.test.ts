/**
 * The lab as the nano recipe's output-layer fit reads it: lab files imported through the normal importer,
 * each study turned into its encoder inputs (the analysis path's preprocessing) and label distribution,
 * and the final linear layers' inputs pooled per study from the real encoder graphs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLab, LAB_DOMAINS, type LabDomain } from '../../src-main/lab/index';
import type { ModelManifest } from '../../src-main/ml/package/modelManifest';
import { loadModel, type LoadedModel } from '../../src-main/ml/runtime/index.js';
import { buildRandomTestPackage } from '../../src-main/ml/testPackage/index.js';
import { initEcgWeights } from '../../src-main/ml/models/ecg/index.js';
import { initVisionWeights } from '../../src-main/ml/models/vision/index.js';
import { encoderStudyFrom, LAB_LABEL_COUNTS, type EncoderStudy } from '../../src-main/training/defaultModel/encoderStudy';
import { selectSlices } from '../../src-main/ml/preprocess/index.js';
import { forEachLabRequest, readLabRecords, type LabStudyRequest } from '../../src-main/training/defaultModel/labStudyRequests';
import { labImageMask, lesionTokenMarks, MIN_LESION_PIXELS } from '../../src-main/training/defaultModel/lesionTokenMarks';
import { OutputLayerInputs } from '../../src-main/training/defaultModel/outputLayerInputs';
import { createWorkstationService } from '../../src-main/services/createWorkstationService';

const work = mkdtempSync(path.join(os.tmpdir(), 'qoq-encoder-study-'));
const counts: Partial<Record<LabDomain, number>> = { skin: 1, ct: 2, ecg: 2 };
let manifest: ModelManifest;
/** The test package reads first and last slices; four evenly spaced ones show this lab's CT lesion. */
let preprocessing: ModelManifest['preprocessing'];
let model: LoadedModel;
const studies: EncoderStudy[] = [];
const items: LabStudyRequest[] = [];
const labDir = path.join(work, 'lab');

beforeAll(async () => {
  await generateLab({ seed: 3, outDir: path.join(work, 'lab'), split: 'train', counts: counts as Record<LabDomain, number> });
  manifest = await buildRandomTestPackage(path.join(work, 'model'), { seed: 5 });
  model = await loadModel(path.join(work, 'model'), { intraOpThreads: 1 });
  preprocessing = { ...manifest.preprocessing, volumeSlices: { strategy: 'evenly-spaced', count: manifest.preprocessing.maxImages } };
  await forEachLabRequest(path.join(work, 'lab'), path.join(work, 'store'), preprocessing, async (item) => {
    items.push(item);
    studies.push(encoderStudyFrom(model, item));
  });
}, 120_000);

afterAll(async () => {
  await model?.release();
  rmSync(work, { recursive: true, force: true });
});

describe('encoderStudyFrom', () => {
  it("gives each study its domain, a distribution over the domain's labels on the record's labels, and its inputs", () => {
    const records = readLabRecords(path.join(work, 'lab'));
    expect(studies.map((s) => s.domain)).toEqual(records.map((r) => r.dataset));
    studies.forEach((study, i) => {
      const record = records[i]!;
      const vocabulary = LAB_DOMAINS[record.dataset as LabDomain].labels;
      expect(study.target).toHaveLength(LAB_LABEL_COUNTS[record.dataset]!);
      expect(study.target.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      vocabulary.forEach((label, j) => expect(study.target[j]! > 0).toBe(record.labels.includes(label)));
    });
    const byDomain = (d: string) => studies.filter((s) => s.domain === d);
    for (const s of byDomain('ecg')) expect([s.images.length, s.ecg?.shape]).toEqual([0, [8, manifest.preprocessing.ecgWindowSamples]]);
    expect(byDomain('skin')[0]!.images).toHaveLength(1);
    expect(byDomain('ct')[0]!.images).toHaveLength(preprocessing.volumeSlices.count); // the analysis path's slices
    expect(byDomain('ct')[0]!.ecg).toBeNull();
  });
});

describe('OutputLayerInputs', () => {
  it("hands every token's final-layer input to its encoder's fit: image studies to vision, ECG studies to the ECG encoder", async () => {
    const arch = model.architecture;
    const { ecg: ecgLabels, ...visionLabels } = LAB_LABEL_COUNTS;
    const inputs = await OutputLayerInputs.open({ vision: arch.vision!, ecg: arch.ecg! }, { vision: initVisionWeights(arch.vision!, 1), ecg: initEcgWeights(arch.ecg!, 2) }, { vision: visionLabels, ecg: { ecg: ecgLabels! } });
    try {
      for (const s of studies) await inputs.add(s);
    } finally {
      await inputs.release();
    }
    const vision = inputs.vision.fit({ ridge: 1, spread: 1 });
    const ecg = inputs.ecg.fit({ ridge: 1, spread: 1 });
    expect(vision).toHaveLength(Object.values(visionLabels).reduce((a, b) => a + b, 0));
    expect(ecg.map((r) => r.domain)).toEqual(Array(ecgLabels).fill('ecg'));
    const merged = arch.vision!.hiddenSize * arch.vision!.spatialMergeSize ** 2;
    for (const r of vision) expect(r.weight).toHaveLength(merged);
    for (const r of ecg) expect(r.weight).toHaveLength(arch.ecg!.dim);
    // Labels present in this tiny lab get a fitted row; a domain with no studies here gets zeros.
    const skinRows = vision.filter((r) => r.domain === 'skin');
    expect(skinRows.some((r) => r.weight.some((w) => w !== 0))).toBe(true);
    expect(vision.filter((r) => r.domain === 'fundus').every((r) => r.weight.every((w) => w === 0))).toBe(true);
    for (const r of [...vision, ...ecg]) expect(r.weight.every(Number.isFinite)).toBe(true);
  });
});

describe('lab image sources and lesion masks', () => {
  it('names the lab file of every image: the photo itself, and the selected CT slices in position order', () => {
    expect(items.map((i) => i.record.dataset).sort()).toEqual(['ct', 'ct', 'ecg', 'ecg', 'skin']);
    for (const { record, imageSources } of items) {
      if (record.dataset === 'skin') expect(imageSources).toEqual([path.basename(record.images[0]!)]);
      if (record.dataset === 'ecg') expect(imageSources).toEqual([]);
      if (record.dataset === 'ct') {
        // The lab writes slice k at z = origin − k·spacing: ascending position is descending file order.
        const byPosition = record.files.map((f) => path.basename(f)).reverse();
        expect(imageSources).toEqual(selectSlices(byPosition.length, preprocessing.volumeSlices).map((k) => byPosition[k]));
      }
    }
  });

  it("finds the ground-truth mask of each of a CT lesion's slices and of no other slice, and marks a few of the read slices' tokens", () => {
    const lesion = items.find((i) => i.record.dataset === 'ct' && !i.record.labels.includes('normal'));
    expect(lesion, 'seed 3 gives a CT lesion study').toBeDefined();
    const { record } = lesion!;
    const lesionSlices = new Set((record.slices ?? []).map((s) => path.basename(s.image)));
    expect(lesionSlices.size).toBeGreaterThan(0);
    for (const name of record.files.map((f) => path.basename(f))) {
      const mask = labImageMask(labDir, record, name);
      expect(mask !== null, name).toBe(lesionSlices.has(name));
      if (mask) {
        expect([mask.width, mask.height]).toEqual([128, 128]);
        expect(mask.data.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4); // the lab keeps slices of ≥ 4 lesion pixels
      }
    }

    // Mapped onto the token grid of the images the model reads: the lesion's tokens, and only a few.
    const study = studies[items.indexOf(lesion!)]!;
    const marks = study.images.map((image, k) => lesionTokenMarks(labImageMask(labDir, record, lesion!.imageSources[k]!), image.gridThw, 2, 0, MIN_LESION_PIXELS));
    const tokens = study.images.reduce((n, img) => n + img.tokens, 0);
    const marked = marks.reduce((n, m) => n + m.filter((v) => v === 0).length, 0);
    expect(lesion!.imageSources.some((name) => lesionSlices.has(name)), 'a selected slice shows the lesion').toBe(true);
    expect(marked).toBeGreaterThan(0);
    expect(marked).toBeLessThan(tokens / 4); // a lesion covers a few tokens, not the study
    marks.forEach((m, k) => {
      if (!lesionSlices.has(lesion!.imageSources[k]!)) expect(m.every((v) => v === -1)).toBe(true); // no mask, no mark
    });
  });
});

describe('forEachLabRequest with domains', () => {
  it('imports and visits only the named domains, in manifest order', async () => {
    const visited: string[] = [];
    const store = path.join(work, 'store-ecg-only');
    await forEachLabRequest(labDir, store, preprocessing, async (item) => void visited.push(item.record.id), { domains: ['ecg'] });
    expect(visited).toEqual(readLabRecords(labDir).filter((r) => r.dataset === 'ecg').map((r) => r.id));
    expect(visited).toHaveLength(2);
    // Only the ECG folder went into the store: two studies, both ECG.
    const service = createWorkstationService({ dataDir: store, actor: 'test', workers: 1, bundledModelsDir: path.join(store, 'none') });
    try {
      const { studies: stored } = await service.api.listStudies({ limit: 10 });
      expect(stored.map((s) => s.domains)).toEqual([['ecg'], ['ecg']]);
    } finally {
      await service.close();
    }
  }, 60_000);
});
