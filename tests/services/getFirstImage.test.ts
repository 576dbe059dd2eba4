/** getFirstImage: the series and first slice the reader opens, named before the full study is sent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch } from '../../src-main/services/dispatch';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;

beforeAll(async () => {
  tmp = makeTempDir('first-image');
  service = createWorkstationService({ dataDir: tmp.dir, actor: 'test', workers: 1 });
  await service.api.importPaths({ paths: [sharedData('mr', 'series_toshiba_galan_dti_ortho_vol1'), sharedData('ecg', 'wfdb', '100.hea')] });
}, 120_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];

describe('getFirstImage', () => {
  it('names the MR slice lying furthest along the slice normal, as the reader shows it first', async () => {
    const { studies } = await service.api.listStudies({ modality: 'MR' });
    const detail = await service.api.getStudy({ studyId: studies[0]!.id });
    const mr = detail.series.find((s) => s.instances.length === 40)!;
    // Reference by hand: normal = row × column of the (shared) orientation; the first slice maximises
    // position · normal. Computed here over the stored geometry, not through the shared module.
    const o = mr.instances[0]!.imageOrientation!;
    const n = cross(o.slice(0, 3), o.slice(3, 6));
    const along = (i: (typeof mr.instances)[number]) => i.imagePosition!.reduce((sum, p, k) => sum + p * n[k]!, 0);
    const expected = mr.instances.reduce((best, i) => (along(i) > along(best) ? i : best));
    const first = await dispatch(service.api, 'getFirstImage', { studyId: detail.study.id });
    expect(first).toEqual({ seriesId: mr.id, view: 'stack', instance: { id: expected.id, frames: expected.frames } });
  });

  it('names nothing for an ECG-only study, and refuses an unknown study', async () => {
    const { studies } = await service.api.listStudies({ domain: 'ecg' });
    expect(await service.api.getFirstImage({ studyId: studies[0]!.id })).toEqual({ seriesId: null, view: null, instance: null });
    await expect(dispatch(service.api, 'getFirstImage', { studyId: 99_999 })).rejects.toThrow(/no study with id 99999/);
    await expect(dispatch(service.api, 'getFirstImage', { studyId: 0 })).rejects.toThrow(/studyId/);
  });

  it('is not audited (ids only; getStudy records the view)', async () => {
    const { studies } = await service.api.listStudies({ modality: 'MR' });
    const before = (await service.api.auditLog({})).verification.entries;
    await service.api.getFirstImage({ studyId: studies[0]!.id });
    expect((await service.api.auditLog({})).verification.entries).toBe(before);
  });
});
