/**
 * `analyze` end to end with a randomly initialised test package (real quality comes with the default
 * model): a CT series, a chest X-ray, a photo and an ECG from ../shared/data go through input selection,
 * the inference process, the model and the output interpretation; the result is well-formed, every box
 * lies inside its original image, the run is audited, and a crash of the inference process is reported.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESEARCH_USE_NOTICE, type StudyDetail } from '../../src-main/contract/schemas';
import type { ModelManifest } from '../../src-main/ml/package/modelManifest';
import { packageHash } from '../../src-main/ml/package/verifyModelPackage';
import { buildRandomTestPackage } from '../../src-main/ml/testPackage/index';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch } from '../../src-main/services/dispatch';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
let modelDir: string;
let manifest: ModelManifest;

beforeAll(async () => {
  tmp = makeTempDir('analyze');
  modelDir = path.join(tmp.dir, 'model');
  manifest = await buildRandomTestPackage(modelDir, { seed: 7 });
  service = createWorkstationService({ dataDir: path.join(tmp.dir, 'data'), actor: 'test', workers: 2, bundledModelsDir: path.join(tmp.dir, 'none') });
  await service.api.importPaths({
    paths: [
      sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm'),
      sharedData('xray', 'dx_chest_fujifilm.dcm'),
      sharedData('dermoscopy', 'ISIC_0000000.jpg'),
      sharedData('ecg', 'dicom', 'Example_12lead.dcm'),
    ],
  });
}, 180_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

async function studies(): Promise<StudyDetail[]> {
  const { studies: list } = await service.api.listStudies({ limit: 10 });
  return Promise.all(list.map((s) => service.api.getStudy({ studyId: s.id })));
}

function imageSize(detail: StudyDetail, ref: string): [number, number] | undefined {
  for (const s of detail.series) {
    for (const i of s.instances) if (ref.startsWith(`${i.sopInstanceUid}#`)) return [i.columns!, i.rows!];
    for (const img of s.images) if (ref === `image:${img.id}`) return [img.width, img.height];
  }
  return undefined;
}

describe('analyze', () => {
  it('runs on a CT series, a chest X-ray, a photo and an ECG, with well-formed results', async () => {
    const all = await studies();
    expect(all).toHaveLength(4);
    const tokens: string[] = [];
    const off = service.events.on('analysisToken', (t) => tokens.push(t.text));
    for (const detail of all) {
      const result = await service.api.analyzeStudy({ studyId: detail.study.id, modelDir, seed: 3, maxNewTokens: 24 });
      expect(result.notice).toBe(RESEARCH_USE_NOTICE);
      expect(result.model.sha256).toBe(packageHash(modelDir));
      expect(result.inputs.length).toBeGreaterThan(0);
      expect(['eos', 'length']).toContain(result.finishReason);
      for (const f of result.findings) {
        for (const b of f.boxes) {
          const [w, h] = imageSize(detail, b.ref)!;
          expect(b.x1).toBeGreaterThanOrEqual(0);
          expect(b.y1).toBeGreaterThanOrEqual(0);
          expect(b.x2).toBeLessThanOrEqual(w);
          expect(b.y2).toBeLessThanOrEqual(h);
        }
      }
      const kinds = new Set(result.inputs.map((i) => i.kind));
      if (detail.study.domains.includes('ecg')) expect([...kinds]).toEqual(['ecg']);
      // A CT series goes in as the package's number of slices (two for the test package), both ends included.
      if (detail.study.domains.includes('ct')) expect(result.inputs).toHaveLength(manifest.preprocessing.volumeSlices.count);
    }
    off();
    expect(tokens.join('').length).toBeGreaterThan(0); // the trace streams as events
    const audit = await service.api.auditLog({ limit: 100 });
    expect(audit.entries.filter((e) => e.action === 'model.run')).toHaveLength(4);
  }, 180_000);

  it('is reproducible for a seed and refuses a tampered or missing model', async () => {
    const [detail] = await studies();
    const a = await service.api.analyzeStudy({ studyId: detail!.study.id, modelDir, seed: 11, maxNewTokens: 12 });
    const b = await service.api.analyzeStudy({ studyId: detail!.study.id, modelDir, seed: 11, maxNewTokens: 12 });
    expect(b.raw).toBe(a.raw);
    await expect(dispatch(service.api, 'analyzeStudy', { studyId: detail!.study.id })).rejects.toThrow(/no verified model package/);
    await expect(dispatch(service.api, 'analyzeStudy', { studyId: detail!.study.id, modelDir: path.join(tmp.dir, 'nowhere') })).rejects.toThrow(/model refused/);
  }, 120_000);

  it('cancels a running analysis within a step', async () => {
    const [detail] = await studies();
    const jobId = '6f1c8a52-3d4b-4c8e-9a57-0b6b7a2d1e10';
    let cancelled = false;
    const off = service.events.on('analysisToken', (t) => {
      if (t.jobId === jobId && !cancelled) {
        cancelled = true;
        void service.api.cancelAnalysis({ jobId });
      }
    });
    const result = await service.api.analyzeStudy({ studyId: detail!.study.id, modelDir, seed: 5, maxNewTokens: 2000, jobId });
    off();
    expect(result.finishReason).toBe('cancelled');
    expect(result.raw.length).toBeLessThan(400);
  }, 120_000);
});
