/**
 * From a stored study to model inputs: which images/slices/ECG are chosen, and that each loads from the
 * object store as the picture (or microvolts) the model must see.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyDetail } from '../../src-main/contract/schemas';
import { loadModelInput } from '../../src-main/inference/loadModelInput';
import { selectModelInputs } from '../../src-main/inference/selectModelInputs';
import { WINDOW_PRESETS } from '../../src-main/ml/preprocess/windowPresets';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
const study = async (text: string): Promise<StudyDetail> => {
  const { studies } = await service.api.listStudies({ text, limit: 5 });
  return service.api.getStudy({ studyId: studies[0]!.id });
};
const slices = { strategy: 'evenly-spaced' as const, count: 4 };

beforeAll(async () => {
  tmp = makeTempDir('model-inputs');
  service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 2 });
  await service.api.importPaths({
    paths: [
      sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm'),
      sharedData('ecg', 'hl7-aecg', 'Example_aECG.xml'),
      sharedData('dermoscopy', 'ISIC_0000000.jpg'),
      sharedData('nifti', 'anatomical.nii'),
    ],
  });
}, 120_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

describe('model inputs', () => {
  it('takes evenly spaced slices of a CT series, ends included, in slice order', async () => {
    const ct = await study('PLASTIC');
    const refs = selectModelInputs(ct, { maxImages: 4, slices });
    expect(refs).toHaveLength(4);
    // 28 slices, 4 picks: round(i·27/3) = 0, 9, 18, 27 along the slice normal (5 mm apart).
    const instances = ct.series[0]!.instances;
    const z = (ref: string) => instances.find((i) => ref.startsWith(i.sopInstanceUid))!.imagePosition![2];
    const zs = refs.map((r) => z(r.ref));
    const all = instances.map((i) => i.imagePosition![2]).sort((a, b) => a - b);
    expect(zs).toEqual([all[0], all[9], all[18], all[27]]);
  });

  it('loads a CT slice through the W700/L80 window the reference data prep uses', async () => {
    const ct = await study('PLASTIC');
    const [first] = selectModelInputs(ct, { maxImages: 1, slices });
    const loaded = await loadModelInput(first!, { ctWindow: WINDOW_PRESETS['ct-qoq-prep'] });
    if (loaded.type !== 'image') throw new Error('expected an image');
    expect([loaded.rgb.width, loaded.rgb.height]).toEqual([512, 512]);
    // The corner is air (about −1000 HU): below the window's lower edge 80 − 700/2 = −270 HU → 0.
    expect([...loaded.rgb.data.subarray(0, 3)]).toEqual([0, 0, 0]);
    const greys = new Set<number>();
    for (let i = 0; i < loaded.rgb.data.length; i += 3 * 97) greys.add(loaded.rgb.data[i]!);
    expect(greys.size).toBeGreaterThan(20); // tissue inside the window spreads over many grey levels
  });

  it("shows a CT slice in the window it is given (the package's ctWindow), not a fixed one", async () => {
    const ct = await study('PLASTIC');
    const [first] = selectModelInputs(ct, { maxImages: 1, slices });
    const wide = await loadModelInput(first!, { ctWindow: { center: 80, width: 700 } });
    const soft = await loadModelInput(first!, { ctWindow: { center: 40, width: 400 } });
    if (wide.type !== 'image' || soft.type !== 'image') throw new Error('expected images');
    // From each W700/L80 grey strictly inside the window, back to HU by PS3.3's linear VOI
    // (x = (g/255 − 0.5)·(w − 1) + c − 0.5), then forward through W400/L40: the grey the soft-tissue
    // window must give, within the first grey's rounding (±0.5 grey = ±1.4 HU = ±0.9 grey at W400).
    let compared = 0;
    for (let i = 0; i < wide.rgb.data.length; i += 3 * 31) {
      const g = wide.rgb.data[i]!;
      if (g === 0 || g === 255) continue;
      const hu = (g / 255 - 0.5) * 699 + 79.5;
      const expected = Math.min(255, Math.max(0, ((hu - 39.5) / 399 + 0.5) * 255));
      expect(Math.abs(soft.rgb.data[i]! - expected)).toBeLessThanOrEqual(1.5);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('adds one ECG, photos and NIfTI slices, each loadable', async () => {
    const { studies: ecgStudies } = await service.api.listStudies({ domain: 'ecg', limit: 5 });
    const ecgStudy = await service.api.getStudy({ studyId: ecgStudies[0]!.id });
    const ecgRefs = selectModelInputs(ecgStudy, { maxImages: 4, slices });
    expect(ecgRefs.map((r) => r.kind)).toEqual(['ecg']);
    const ecg = await loadModelInput(ecgRefs[0]!, { ctWindow: WINDOW_PRESETS['ct-qoq-prep'] });
    if (ecg.type !== 'ecg') throw new Error('expected an ECG');
    expect(ecg.record.leads.map((l) => l.name)).toContain('V6');
    expect(ecg.record.summary.samplingRateHz).toBe(500);

    const { studies } = await service.api.listStudies({ limit: 50 });
    const details = await Promise.all(studies.map((s) => service.api.getStudy({ studyId: s.id })));
    const photo = details.find((d) => d.series.some((s) => s.images.length > 0))!;
    const photoRef = selectModelInputs(photo, { maxImages: 4, slices })[0]!;
    const photoLoaded = await loadModelInput(photoRef, { ctWindow: WINDOW_PRESETS['ct-qoq-prep'] });
    expect(photoLoaded.type === 'image' && [photoLoaded.rgb.width, photoLoaded.rgb.height]).toEqual([250, 250]);

    const nifti = details.find((d) => d.series.some((s) => s.volumes.length > 0))!;
    const niftiRefs = selectModelInputs(nifti, { maxImages: 4, slices });
    // 25 axial slices, 4 picks: round(i·24/3) = 0, 8, 16, 24.
    expect(niftiRefs.map((r) => r.ref.split('#')[1])).toEqual(['0', '8', '16', '24']);
    const slice = await loadModelInput(niftiRefs[1]!, { ctWindow: WINDOW_PRESETS['ct-qoq-prep'] });
    expect(slice.type === 'image' && [slice.rgb.width, slice.rgb.height]).toEqual([33, 41]);
    expect(path.isAbsolute(niftiRefs[0]!.path)).toBe(true);
  });

  it('respects the model limit on images', async () => {
    const ct = await study('PLASTIC');
    expect(selectModelInputs(ct, { maxImages: 2, slices })).toHaveLength(2);
  });
});
