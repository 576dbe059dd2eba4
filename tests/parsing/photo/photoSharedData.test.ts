import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handlePhoto } from '../../../src-main/parsing/photo/handlePhoto';
import { handlePhotoSidecar } from '../../../src-main/parsing/photo/handlePhotoSidecar';
import { readPhoto } from '../../../src-main/parsing/photo/readPhoto';
import { DEFAULT_LIMITS, type ParseOutcome, type PhotoObject } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

const FUNDUS = 'fundus/600px-Fundus_photograph_of_normal_right_eye.jpg';
const FUNDUS_MASK = 'fundus/600px-Fundus_photograph_of_normal_right_eye_binarized.tif';

async function offer(rel: string): Promise<ParseOutcome | 'skip'> {
  const p = sharedData(rel);
  return handlePhoto({ path: p, bytes: readFileSync(p) }, DEFAULT_LIMITS);
}

async function parsePhoto(rel: string): Promise<PhotoObject> {
  const outcome = await offer(rel);
  if (outcome === 'skip' || outcome.status !== 'parsed' || outcome.object.kind !== 'photo') {
    throw new Error(JSON.stringify(outcome));
  }
  return outcome.object;
}

describe('photos from the shared corpus', () => {
  it('dermoscopy/ISIC_0000000.jpg: 250×250 RGB, skin, label nevus from the ISIC metadata', async () => {
    const obj = await parsePhoto('dermoscopy/ISIC_0000000.jpg');
    expect(obj).toMatchObject({ format: 'jpeg', width: 250, height: 250, channels: 3, bitDepth: 8, domain: 'skin' });
    expect(obj.sidecar?.labels).toEqual(['nevus']);
    expect(obj.patient.sex).toBe('F'); // ISIC: "sex": "female"
    expect(obj.companions).toEqual([sharedData('dermoscopy/ISIC_0000000.json')]);
    expect(obj.flags).toContain('lossy-compressed');
    expect(obj.pixels).toEqual({ state: 'ok' });
  });

  it('readPhoto decodes the ISIC JPEG (mean RGB ≈ 143.22 per Pillow/libjpeg)', async () => {
    const { width, height, rgba } = await readPhoto(sharedData('dermoscopy/ISIC_0000000.jpg'));
    expect([width, height, rgba.length]).toEqual([250, 250, 250 * 250 * 4]);
    let sum = 0;
    for (let i = 0; i < rgba.length; i += 4) sum += rgba[i]! + rgba[i + 1]! + rgba[i + 2]!;
    // IDCTs differ by ±1 per sample between decoders, so the mean agrees to well under 1.
    expect(Math.abs(sum / (250 * 250 * 3) - 143.2187)).toBeLessThan(1);
  });

  it('fundus JPEG lists its binarized TIFF as a companion mask (and sidecar.maskPath)', async () => {
    const obj = await parsePhoto(FUNDUS);
    expect(obj).toMatchObject({ format: 'jpeg', width: 600, height: 600, channels: 3, domain: 'fundus' });
    expect(obj.companions).toEqual([sharedData(FUNDUS_MASK)]);
    expect(obj.sidecar?.maskPath).toBe('600px-Fundus_photograph_of_normal_right_eye_binarized.tif');
  });

  it('the binarized TIFF is the mask of the fundus JPEG, not a separate photo', async () => {
    expect(await offer(FUNDUS_MASK)).toEqual({
      status: 'not-medical',
      reason: 'mask of 600px-Fundus_photograph_of_normal_right_eye.jpg',
    });
    // Its pixels: only 0 and 1; 12.305 % ones per Pillow (mean 0.12305 over 600×600).
    const { width, height, rgba } = await readPhoto(sharedData(FUNDUS_MASK));
    expect([width, height]).toEqual([600, 600]);
    let ones = 0;
    const values = new Set<number>();
    for (let i = 0; i < rgba.length; i += 4) {
      values.add(rgba[i]!);
      if (rgba[i] === 1) ones++;
    }
    expect([...values].sort()).toEqual([0, 1]);
    expect(ones).toBe(Math.round(0.12305 * 600 * 600));
  });

  it('pathology/ihc.png: 512×512 RGB PNG, pathology', async () => {
    const obj = await parsePhoto('pathology/ihc.png');
    expect(obj).toMatchObject({ format: 'png', width: 512, height: 512, channels: 3, bitDepth: 8, domain: 'pathology' });
    expect(obj.flags).not.toContain('lossy-compressed');
  });

  it('malformed/truncated.jpg is rejected as truncated', async () => {
    const outcome = await offer('malformed/truncated.jpg');
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^truncated: JPEG/) });
    // SOURCES.md: the file is 400 bytes; the reason says where it ends.
    expect((outcome as { reason: string }).reason).toContain('byte 400');
  });

  it('handlePhotoSidecar: ISIC_0000000.json belongs to the JPEG beside it', async () => {
    const p = sharedData('dermoscopy/ISIC_0000000.json');
    expect(await handlePhotoSidecar({ path: p, bytes: readFileSync(p) }, DEFAULT_LIMITS)).toEqual({
      status: 'not-medical',
      reason: 'sidecar of ISIC_0000000.jpg',
    });
    const txt = sharedData('dermoscopy/ATTRIBUTION.txt');
    expect(await handlePhotoSidecar({ path: txt, bytes: readFileSync(txt) }, DEFAULT_LIMITS)).toBe('skip');
  });

  it('skips DICOM and NIfTI', async () => {
    expect(await offer('ct/CT_small.dcm')).toBe('skip');
    expect(await offer('nifti/anatomical.nii')).toBe('skip');
  });
});
