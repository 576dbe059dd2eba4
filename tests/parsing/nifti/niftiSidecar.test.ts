import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleNifti } from '../../../src-main/parsing/nifti/handleNifti';
import { handleNiftiSidecar } from '../../../src-main/parsing/nifti/handleNiftiSidecar';
import { DEFAULT_LIMITS, type VolumeObject } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

async function parse(p: string): Promise<VolumeObject> {
  const outcome = await handleNifti({ path: p, bytes: readFileSync(p) }, DEFAULT_LIMITS);
  if (outcome === 'skip' || outcome.status !== 'parsed' || outcome.object.kind !== 'volume') {
    throw new Error(JSON.stringify(outcome));
  }
  return outcome.object;
}

describe('NIfTI BIDS sidecar', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nifti-sidecar-'));
  const volume = path.join(dir, 'sub-01_T1w.nii');
  const label = path.join(dir, 'sub-01_T1w_seg.nii.gz');
  const sidecar = path.join(dir, 'sub-01_T1w.json');
  copyFileSync(sharedData('nifti/anatomical.nii'), volume);
  copyFileSync(sharedData('nifti/anatomical_label.nii.gz'), label);
  writeFileSync(sidecar, JSON.stringify({ Modality: 'MR', SeriesDescription: 'T1 MPRAGE' }));

  it('maps "Modality": "MR" to domain mri and lists the sidecar as a companion', async () => {
    const obj = await parse(volume);
    expect(obj.domain).toBe('mri');
    expect(obj.series.modality).toBe('MR');
    expect(obj.series.description).toBe('T1 MPRAGE');
    expect(obj.companions).toEqual([sidecar]);
  });

  it('gives a _seg derivative the reference volume’s study and domain', async () => {
    const ref = await parse(volume);
    const seg = await parse(label);
    expect(seg.isLabelMap).toBe(true);
    expect(seg.domain).toBe('mri');
    expect(seg.study.studyInstanceUid).toBe(ref.study.studyInstanceUid);
  });

  it('a sidecar "Sources" entry naming a sibling volume also links a derivative to its study', async () => {
    const roi = path.join(dir, 'roi.nii.gz');
    copyFileSync(sharedData('nifti/anatomical_label.nii.gz'), roi);
    writeFileSync(path.join(dir, 'roi.json'), JSON.stringify({ Sources: ['bids::sub-01/anat/sub-01_T1w.nii'] }));
    const ref = await parse(volume);
    const obj = await parse(roi);
    expect(obj.study.studyInstanceUid).toBe(ref.study.studyInstanceUid);
    expect(obj.patient.patientId).toBe(ref.patient.patientId);
  });

  it('uses the same UIDs wherever the files are (content, not path)', async () => {
    const fromShared = await parse(sharedData('nifti/anatomical.nii'));
    const copy = path.join(dir, 'anatomical.nii');
    copyFileSync(sharedData('nifti/anatomical.nii'), copy);
    const fromTmp = await parse(copy);
    expect(fromTmp.study.studyInstanceUid).toBe(fromShared.study.studyInstanceUid);
    expect(fromTmp.series.seriesInstanceUid).toBe(fromShared.series.seriesInstanceUid);
  });

  it('"Modality": "CT" → ct; malformed sidecar → other, with a warning', async () => {
    const ctDir = mkdtempSync(path.join(tmpdir(), 'nifti-ct-'));
    const ct = path.join(ctDir, 'head.nii');
    copyFileSync(sharedData('nifti/anatomical.nii'), ct);
    writeFileSync(path.join(ctDir, 'head.json'), '{"Modality": "CT"}');
    expect((await parse(ct)).domain).toBe('ct');
    writeFileSync(path.join(ctDir, 'head.json'), '{"Modality": ');
    const broken = await parse(ct);
    expect(broken.domain).toBe('other');
    expect(broken.warnings.join(' ')).toMatch(/sidecar head\.json ignored/);
  });

  it('handleNiftiSidecar: the sidecar is not-medical, unrelated JSON is skipped', async () => {
    expect(await handleNiftiSidecar({ path: sidecar, bytes: readFileSync(sidecar) }, DEFAULT_LIMITS)).toEqual({
      status: 'not-medical',
      reason: 'sidecar of sub-01_T1w.nii',
    });
    const other = path.join(dir, 'notes.json');
    writeFileSync(other, '{}');
    expect(await handleNiftiSidecar({ path: other, bytes: readFileSync(other) }, DEFAULT_LIMITS)).toBe('skip');
  });
});
