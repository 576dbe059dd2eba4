/**
 * The reader's "is there anything to run the model on?" agrees with the service's input selection on
 * every study of a store holding one of each kind: CT, MR, a photo, an ECG, a NIfTI volume and a label map
 * alone, structured reports, segmentations, and files whose pixels did not decode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectModelInputs } from '../../../src-main/inference/selectModelInputs';
import { createWorkstationService, type WorkstationService } from '../../../src-main/services/createWorkstationService';
import { hasModelInput } from '../../../src-shared/ai/hasModelInput';
import { sharedData } from '../../helpers/sharedData';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;

beforeAll(async () => {
  tmp = makeTempDir('has-model-input');
  service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 1 });
  await service.api.importPaths({
    paths: [
      sharedData('sr'),
      sharedData('seg'),
      sharedData('ct', 'CT_small.dcm'),
      sharedData('dermoscopy'),
      sharedData('ecg', 'wfdb', '100.hea'),
      sharedData('nifti', 'anatomical.nii'),
      sharedData('nifti', 'anatomical_label.nii.gz'),
      sharedData('malformed', 'MR_truncated.dcm'),
    ],
  });
}, 120_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

describe('hasModelInput', () => {
  it('says yes exactly when the service would find model inputs', async () => {
    const { studies } = await service.api.listStudies({ limit: 100 });
    const answers = await Promise.all(
      studies.map(async (s) => {
        const detail = await service.api.getStudy({ studyId: s.id });
        const selected = selectModelInputs(detail, { maxImages: 8, slices: { strategy: 'first-last', count: 2 } });
        expect(hasModelInput(detail.series), `study ${s.id} (${s.modalities.join('/')})`).toBe(selected.length > 0);
        return hasModelInput(detail.series);
      }),
    );
    // Both answers occur in this store: reports and segmentations alone are not input, images are.
    expect(new Set(answers)).toEqual(new Set([true, false]));
  });
});
