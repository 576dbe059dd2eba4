import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { domainFromPathHints } from '../../../src-main/parsing/photo/domainFromPathHints';
import { handlePhoto } from '../../../src-main/parsing/photo/handlePhoto';
import { handlePhotoSidecar } from '../../../src-main/parsing/photo/handlePhotoSidecar';
import { DEFAULT_LIMITS, type ParseLimits, type ParseOutcome, type PhotoObject } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

/** A 100×80 RGB PNG with a gradient (not binary, so never mistaken for a mask). */
function gradientPng(): Buffer {
  const png = new PNG({ width: 100, height: 80 });
  for (let i = 0; i < 100 * 80; i++) png.data.set([i % 251, (i * 7) % 253, 128, 255], i * 4);
  return PNG.sync.write(png);
}

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'photo-sidecar-'));
}

async function offer(p: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<ParseOutcome | 'skip'> {
  return handlePhoto({ path: p, bytes: readFileSync(p) }, limits);
}

async function parsed(p: string): Promise<PhotoObject> {
  const outcome = await offer(p);
  if (outcome === 'skip' || outcome.status !== 'parsed' || outcome.object.kind !== 'photo') throw new Error(JSON.stringify(outcome));
  return outcome.object;
}

describe('photo JSON sidecar', () => {
  it('parses domain, labels, boxes and patientId from <basename>.json', async () => {
    const dir = folder();
    const img = path.join(dir, 'lesion.png');
    writeFileSync(img, gradientPng());
    writeFileSync(
      `${img}.json`,
      JSON.stringify({
        domain: 'skin',
        modality: 'XC',
        labels: ['melanoma'],
        boxes: [{ label: 'lesion', box: [10, 10, 50, 40] }, { box: [0, 0, 100, 80] }],
        patientId: 'P-42',
        studyDescription: 'follow-up',
        operator: 'extra fields pass through',
      }),
    );
    const obj = await parsed(img);
    expect(obj.domain).toBe('skin');
    expect(obj.sidecar).toMatchObject({
      labels: ['melanoma'],
      boxes: [{ label: 'lesion', box: [10, 10, 50, 40] }, { box: [0, 0, 100, 80] }],
      operator: 'extra fields pass through',
    });
    expect(obj.patient.patientId).toBe('P-42');
    expect(obj.study.description).toBe('follow-up');
    expect(obj.companions).toEqual([`${img}.json`]);
    expect(obj.warnings).toEqual([]);
    expect(await handlePhotoSidecar({ path: `${img}.json`, bytes: new Uint8Array() }, DEFAULT_LIMITS)).toEqual({
      status: 'not-medical',
      reason: 'sidecar of lesion.png',
    });
  });

  it('drops an out-of-bounds box with a warning and keeps the rest', async () => {
    const dir = folder();
    const img = path.join(dir, 'x.png');
    writeFileSync(img, gradientPng());
    writeFileSync(
      path.join(dir, 'x.json'), // <stem>.json also counts
      JSON.stringify({ labels: ['a'], boxes: [{ label: 'ok', box: [1, 2, 3, 4] }, { label: 'oob', box: [60, 50, 120, 70] }] }),
    );
    const obj = await parsed(img);
    expect(obj.sidecar?.boxes).toEqual([{ label: 'ok', box: [1, 2, 3, 4] }]);
    expect(obj.sidecar?.labels).toEqual(['a']);
    expect(obj.warnings).toHaveLength(1);
    expect(obj.warnings[0]).toMatch(/box 1 \(oob\) \[60, 50, 120, 70\] dropped: not inside the 100×80 image/);
  });

  it('refuses a maskPath with `..` (and an absolute one), still importing the photo', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'secret.png'), gradientPng());
    const sub = path.join(dir, 'case');
    mkdirSync(sub);
    const img = path.join(sub, 'img.png');
    writeFileSync(img, gradientPng());
    writeFileSync(`${img}.json`, JSON.stringify({ labels: ['b'], maskPath: '../secret.png' }));
    const obj = await parsed(img);
    expect(obj.sidecar?.maskPath).toBeUndefined();
    expect(obj.sidecar?.labels).toEqual(['b']);
    expect(obj.warnings.join('\n')).toMatch(/maskPath '\.\.\/secret\.png' dropped: contains '\.\.'/);
    expect(obj.companions).toEqual([`${img}.json`]);

    writeFileSync(`${img}.json`, JSON.stringify({ maskPath: path.join(dir, 'secret.png') }));
    expect((await parsed(img)).warnings.join('\n')).toMatch(/dropped: is absolute/);
  });

  it('accepts a maskPath inside the image folder and lists the mask as a companion', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'masks'));
    const mask = path.join(dir, 'masks', 'm.png');
    writeFileSync(mask, gradientPng());
    const img = path.join(dir, 'img.png');
    writeFileSync(img, gradientPng());
    writeFileSync(`${img}.json`, JSON.stringify({ maskPath: 'masks/m.png' }));
    const obj = await parsed(img);
    expect(obj.sidecar?.maskPath).toBe('masks/m.png');
    expect(obj.companions).toEqual([`${img}.json`, mask]);
  });

  it('an invalid field is dropped with a warning naming it; invalid JSON leaves the photo without sidecar', async () => {
    const dir = folder();
    const img = path.join(dir, 'y.png');
    writeFileSync(img, gradientPng());
    writeFileSync(`${img}.json`, JSON.stringify({ domain: 'brain', labels: ['c'], boxes: [{ box: [1, 2, 3] }] }));
    const obj = await parsed(img);
    expect(obj.domain).toBe('other');
    expect(obj.sidecar).toEqual({ labels: ['c'], boxes: [] });
    expect(obj.warnings.some((w) => w.startsWith('sidecar y.png.json: domain dropped'))).toBe(true);
    expect(obj.warnings.some((w) => w.startsWith('sidecar y.png.json: boxes.0.box dropped'))).toBe(true);

    writeFileSync(`${img}.json`, '{ not json');
    const broken = await parsed(img);
    expect(broken.sidecar).toBeUndefined();
    expect(broken.warnings[0]).toMatch(/sidecar y\.png\.json ignored: invalid JSON/);
  });
});

describe('photo sidecar keys', () => {
  it('warns about a key that is plainly a known one misspelt, and keeps quiet about other extras', async () => {
    const dir = folder();
    const img = path.join(dir, 'z.png');
    writeFileSync(img, gradientPng());
    writeFileSync(`${img}.json`, JSON.stringify({ label: ['nevus'], patient_id: 'P1', Mask: 'z_mask.png', modality: 'XC', isic: { id: 7 }, name: 'z' }));
    const obj = await parsed(img);
    expect(obj.sidecar).toEqual({ modality: 'XC', label: ['nevus'], patient_id: 'P1', Mask: 'z_mask.png', isic: { id: 7 }, name: 'z' });
    expect(obj.warnings.filter((w) => w.includes('is not read'))).toEqual([
      'sidecar z.png.json: key "label" is not read — did you mean "labels"?',
      'sidecar z.png.json: key "patient_id" is not read — did you mean "patientId"?',
      'sidecar z.png.json: key "Mask" is not read — did you mean "maskPath"?',
    ]);
  });
});

describe('photo identity, limits and damage', () => {
  it('derives the same UIDs from the same bytes at any path', async () => {
    const a = path.join(folder(), 'one.png');
    const b = path.join(folder(), 'two.png');
    writeFileSync(a, gradientPng());
    writeFileSync(b, gradientPng());
    const [x, y] = [await parsed(a), await parsed(b)];
    expect(x.study.studyInstanceUid).toBe(y.study.studyInstanceUid);
    expect(x.series.seriesInstanceUid).toBe(y.series.seriesInstanceUid);
    expect(x.patient.patientId).toBe(y.patient.patientId);
    expect(x.study.studyInstanceUid).toMatch(/^2\.25\.\d+$/);
  });

  it('checks the pixel budget from the header, before decoding', async () => {
    const outcome = await offer(sharedData('pathology/ihc.png'), { ...DEFAULT_LIMITS, maxPixelBytes: 512 * 512 * 3 });
    // the RGBA output (512·512·4) is over a budget sized for the 3 stored channels
    expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/1048576 bytes decoded, over the maxPixelBytes/) });
  });

  it('rejects truncated PNG and TIFF copies as truncated', async () => {
    const dir = folder();
    const png = readFileSync(sharedData('pathology/ihc.png'));
    const cutPng = path.join(dir, 'cut.png');
    writeFileSync(cutPng, png.subarray(0, png.length - 5000));
    expect(await offer(cutPng)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^truncated: PNG/) });
    const tif = readFileSync(sharedData('fundus/600px-Fundus_photograph_of_normal_right_eye_binarized.tif'));
    const cutTif = path.join(dir, 'cut.tif');
    writeFileSync(cutTif, tif.subarray(0, 200_000));
    expect(await offer(cutTif)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^truncated: TIFF strip 0/) });
  });

  it('rejects a file named .jpg that is not an image', async () => {
    const p = path.join(folder(), 'fake.jpg');
    writeFileSync(p, 'just text');
    expect(await offer(p)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/not a PNG, JPEG or TIFF/) });
  });
});

describe('domainFromPathHints', () => {
  it.each([
    ['/data/Dermoscopy/a.jpg', 'skin'],
    ['/x/ISIC_0001.jpg', 'skin'],
    ['/x/retinal-images/a.png', 'fundus'],
    ['/x/600px-Fundus_photo.jpg', 'fundus'],
    ['/x/histology/slide.tif', 'pathology'],
    ['/x/IHC_stain.png', 'pathology'],
    ['/home/christopher/photo.jpg', 'other'],
    ['/pathology/a/b/c/d/e.png', 'other'], // beyond the 3 nearest folders
  ])('%s → %s', (p, domain) => {
    expect(domainFromPathHints(p)).toBe(domain);
  });
});
