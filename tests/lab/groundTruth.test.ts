import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_LESION_HU, generateLab, LAB_DOMAIN_NAMES, synthesiseStudy, type LabDomain, type LabRecord, type LabStudy, type Mask } from '../../src-main/lab';
import { maskBox, ringMask } from '../../src-main/lab/raster/mask';
import { makeTempDir } from '../helpers/tempDir';
import { ONE_PER_LABEL, readDicomValues, readManifest, readPngLuma } from './labFixture';

/** Two studies per label: one easy-ish, one hard-ish, so both ends of the difficulty range are checked. */
const COUNTS = Object.fromEntries(LAB_DOMAIN_NAMES.filter((d) => d !== 'ecg').map((d) => [d, 2 * ONE_PER_LABEL[d]])) as Partial<Record<LabDomain, number>>;
const SEED = 9;
const tmp = makeTempDir('lab-truth');
let records: LabRecord[] = [];

beforeAll(async () => {
  await generateLab({ seed: SEED, outDir: tmp.dir, split: 'train', counts: COUNTS });
  records = readManifest(tmp.dir);
});
afterAll(() => tmp.cleanup());

function studyOf(r: LabRecord): LabStudy {
  const index = Number(r.id.slice(-4)) - 1;
  return synthesiseStudy(SEED, r.dataset as LabDomain, 'train', index, COUNTS[r.dataset as LabDomain]!);
}

function meanOver(values: ArrayLike<number>, mask: Mask): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]) {
      sum += values[i]!;
      n++;
    }
  }
  return sum / n;
}

/** The file's pixels (HU for CT, stored values otherwise; luma for photos) of the study's key image. */
async function keyPixels(r: LabRecord): Promise<ArrayLike<number>> {
  const file = path.join(tmp.dir, r.images[0]!);
  return file.endsWith('.png') ? readPngLuma(file).luma : (await readDicomValues(file)).values;
}

describe('phantom lab ground truth', () => {
  it('the mask PNG on disk is binary and its bounding box equals the record bbox', () => {
    let checked = 0;
    for (const r of records) {
      if (!r.segmentation_path) {
        expect(r.labels, r.id).toEqual(['normal']);
        continue;
      }
      const m = readPngLuma(path.join(tmp.dir, r.segmentation_path));
      const mask: Mask = { width: m.width, height: m.height, data: Uint8Array.from(m.luma, (v) => (v > 0 ? 1 : 0)) };
      expect(new Set(m.luma)).toEqual(new Set([0, 255]));
      expect(maskBox(mask), r.id).toEqual(r.bbox);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('every finding box is its mask’s bounding box, also on each lesion slice of a volume', () => {
    for (const r of records) {
      const study = studyOf(r);
      const frames = study.format === 'dicom' ? study.frames : study.format === 'photo' ? [study.frame] : [];
      for (const f of frames.flatMap((fr) => fr.findings)) expect(maskBox(f.mask)).toEqual(f.box);
      if (r.slices) expect(r.slices.length).toBe(frames.filter((fr) => fr.findings.length > 0).length);
    }
  });

  it('the files hold exactly the generated pixels', async () => {
    for (const r of records.filter((x) => x.dataset === 'cxr' || x.dataset === 'skin')) {
      const study = studyOf(r);
      const file = path.join(tmp.dir, r.images[0]!);
      if (study.format === 'dicom') expect(Array.from((await readDicomValues(file)).raw)).toEqual(Array.from(study.frames[study.keyFrame]!.values));
      if (study.format === 'photo') {
        const { rgba } = readPngLuma(file);
        expect(Array.from(rgba.filter((_, i) => i % 4 !== 3))).toEqual(Array.from(study.frame.rgb));
      }
    }
  });

  it('inside the mask differs from the surrounding ring in the finding’s direction (cyst darker, nodule brighter, …)', async () => {
    for (const r of records) {
      if (!r.bbox) continue;
      const study = studyOf(r);
      const frame = study.format === 'dicom' ? study.frames[study.keyFrame]! : study.format === 'photo' ? study.frame : null;
      const pixels = await keyPixels(r);
      for (const f of frame!.findings) {
        const inside = meanOver(pixels, f.mask);
        const ring = meanOver(pixels, ringMask(f.mask, 3));
        const msg = `${r.id} ${f.label} (difficulty ${r.difficulty}): inside ${inside.toFixed(1)}, ring ${ring.toFixed(1)}`;
        if (f.appearance === 'brighter') expect(inside, msg).toBeGreaterThan(ring);
        else expect(inside, msg).toBeLessThan(ring);
      }
    }
  });

  it('CT lesion voxels lie in the label’s HU range after rescale, on every lesion slice', async () => {
    const ct = records.filter((r) => r.dataset === 'ct' && r.bbox);
    expect(ct.length).toBeGreaterThanOrEqual(4);
    for (const r of ct) {
      const study = studyOf(r);
      if (study.format !== 'dicom') throw new Error('CT must be DICOM');
      const [lo, hi] = CT_LESION_HU[r.labels[0]!]!;
      for (let z = 0; z < study.frames.length; z++) {
        const finding = study.frames[z]!.findings[0];
        if (!finding) continue;
        const { values } = await readDicomValues(path.join(tmp.dir, r.files[z]!));
        expect(finding.huRange).toEqual([lo, hi]);
        for (let i = 0; i < values.length; i++) {
          if (finding.mask.data[i]) {
            expect(values[i]!).toBeGreaterThanOrEqual(lo);
            expect(values[i]!).toBeLessThanOrEqual(hi);
          }
        }
      }
    }
  });

  it('cardiomegaly has a cardiothoracic ratio above 0.5, other chest films below', () => {
    for (const r of records.filter((x) => x.dataset === 'cxr')) {
      if (r.labels[0] === 'cardiomegaly') expect(r.measurements['ctr']).toBeGreaterThan(0.5);
      else expect(r.measurements['ctr']).toBeLessThan(0.5);
    }
  });
});
