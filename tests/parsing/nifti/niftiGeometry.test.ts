import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { handleNifti } from '../../../src-main/parsing/nifti/handleNifti';
import { readNiftiVolume } from '../../../src-main/parsing/nifti/readNiftiVolume';
import { DEFAULT_LIMITS, type VolumeObject } from '../../../src-main/parsing/types';
import { sharedData } from '../../helpers/sharedData';

/**
 * Expected geometry is computed here from header fields decoded by this test at the offsets of nifti1.h /
 * nifti2.h, following the spec's methods by hand, and cross-checked with literals read with nibabel 5.0.
 */
async function parse(rel: string): Promise<VolumeObject> {
  const p = sharedData(rel);
  const outcome = await handleNifti({ path: p, bytes: readFileSync(p) }, DEFAULT_LIMITS);
  if (outcome === 'skip' || outcome.status !== 'parsed' || outcome.object.kind !== 'volume') {
    throw new Error(`not parsed: ${JSON.stringify(outcome)}`);
  }
  return outcome.object;
}

function expectClose(actual: number[], expected: number[], digits = 4): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}

describe('NIfTI-1 big-endian: nifti/anatomical.nii', () => {
  const raw = readFileSync(sharedData('nifti/anatomical.nii'));
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);

  it('is big-endian (sizeof_hdr reads 348 only as big-endian)', () => {
    expect(v.getInt32(0, false)).toBe(348);
    expect(v.getInt32(0, true)).not.toBe(348);
  });

  it('has the dims, spacing and sform affine of its header', async () => {
    const obj = await parse('nifti/anatomical.nii');
    const dim = Array.from({ length: 8 }, (_, i) => v.getInt16(40 + 2 * i, false));
    const pixdim = Array.from({ length: 8 }, (_, i) => v.getFloat32(76 + 4 * i, false));
    expect(v.getInt16(254, false)).toBeGreaterThan(0); // sform_code > 0 → method 3
    const srow = Array.from({ length: 12 }, (_, i) => v.getFloat32(280 + 4 * i, false));

    expect(obj.format).toBe('nifti1');
    expect(obj.dims).toEqual(dim.slice(1, dim[0]! + 1));
    expect(obj.dims).toEqual([33, 41, 25]); // SOURCES.md
    expect(obj.spacing).toEqual(pixdim.slice(1, 4));
    expect(obj.spacing).toEqual([2, 2, 2]);
    expectClose(obj.affine, [...srow, 0, 0, 0, 1]);
    expectClose(obj.affine, [-2, 0, 0, 32, 0, 2, 0, -40, 0, 0, 2, -16, 0, 0, 0, 1]); // nibabel
    expect(obj.datatype).toBe('int16');
    expect(obj.flags).toContain('big-endian');
    expect(obj.isLabelMap).toBe(false);
    expect(obj.domain).toBe('other');
  });

  it('reads voxels in host byte order (values checked against nibabel)', async () => {
    const vol = await readNiftiVolume(sharedData('nifti/anatomical.nii'));
    expect(vol.data).toBeInstanceOf(Int16Array);
    expect(vol.data.length).toBe(33 * 41 * 25);
    expect(Array.from(vol.data.subarray(0, 5) as Int16Array)).toEqual([10712, 10463, 10600, 11951, 9911]);
    expect(vol.data[10 + 20 * 33 + 12 * 33 * 41]).toBe(10872);
    // the first stored voxel, decoded by hand as big-endian int16 at vox_offset 352
    expect(vol.data[0]).toBe(v.getInt16(352, false));
  });
});

describe('NIfTI-1 label map: nifti/anatomical_label.nii.gz', () => {
  const raw = gunzipSync(readFileSync(sharedData('nifti/anatomical_label.nii.gz')));
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);

  it('has the qform affine (method 2) of its header, equal to the reference grid', async () => {
    const obj = await parse('nifti/anatomical_label.nii.gz');
    expect(v.getInt16(254, true)).toBe(0); // sform_code 0
    expect(v.getInt16(252, true)).toBeGreaterThan(0); // qform_code > 0
    const [b, c, d] = [256, 260, 264].map((o) => v.getFloat32(o, true)) as [number, number, number];
    const [qx, qy, qz] = [268, 272, 276].map((o) => v.getFloat32(o, true)) as [number, number, number];
    const pix = Array.from({ length: 4 }, (_, i) => v.getFloat32(76 + 4 * i, true));
    const qfac = pix[0] === -1 ? -1 : 1;
    const a = Math.sqrt(Math.max(0, 1 - b * b - c * c - d * d));
    // nifti1.h method 2: R from the quaternion, columns scaled by pixdim[1], pixdim[2], qfac·pixdim[3]
    const R = [
      [a * a + b * b - c * c - d * d, 2 * b * c - 2 * a * d, 2 * b * d + 2 * a * c],
      [2 * b * c + 2 * a * d, a * a + c * c - b * b - d * d, 2 * c * d - 2 * a * b],
      [2 * b * d - 2 * a * c, 2 * c * d + 2 * a * b, a * a + d * d - c * c - b * b],
    ];
    const s = [pix[1]!, pix[2]!, qfac * pix[3]!];
    const t = [qx, qy, qz];
    const expected = [0, 1, 2].flatMap((r) => [R[r]![0]! * s[0]!, R[r]![1]! * s[1]!, R[r]![2]! * s[2]!, t[r]!]);
    expectClose(obj.affine, [...expected, 0, 0, 0, 1]);
    expectClose(obj.affine, [-2, 0, 0, 32, 0, 2, 0, -40, 0, 0, 2, -16, 0, 0, 0, 1]); // nibabel
    expect(obj.dims).toEqual([33, 41, 25]);
    expect(obj.datatype).toBe('uint16');
  });

  it('is detected as a label map with 330 foreground voxels (SOURCES.md)', async () => {
    const obj = await parse('nifti/anatomical_label.nii.gz');
    expect(obj.isLabelMap).toBe(true);
    expect(obj.series.modality).toBe('SEG');
    const vol = await readNiftiVolume(sharedData('nifti/anatomical_label.nii.gz'));
    expect(vol.isLabelMap).toBe(true);
    let foreground = 0;
    const values = new Set<number>();
    for (const x of vol.data as Uint16Array) {
      values.add(x);
      if (x !== 0) foreground++;
    }
    expect(foreground).toBe(330);
    expect([...values].sort()).toEqual([0, 1]);
  });

  it('lands in the same patient and study as anatomical.nii (name <stem>_label), in its own series', async () => {
    const ref = await parse('nifti/anatomical.nii');
    const label = await parse('nifti/anatomical_label.nii.gz');
    expect(label.study.studyInstanceUid).toBe(ref.study.studyInstanceUid);
    expect(label.patient.patientId).toBe(ref.patient.patientId);
    expect(label.series.seriesInstanceUid).not.toBe(ref.series.seriesInstanceUid);
    expect(ref.study.studyInstanceUid).toMatch(/^2\.25\.\d+$/);
  });
});

describe('NIfTI-2 4D: nifti/example_nifti2.nii.gz', () => {
  const raw = gunzipSync(readFileSync(sharedData('nifti/example_nifti2.nii.gz')));
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);

  it('has the dims, spacing and sform affine of its 540-byte header', async () => {
    expect(v.getInt32(0, true)).toBe(540);
    const obj = await parse('nifti/example_nifti2.nii.gz');
    const dim = Array.from({ length: 8 }, (_, i) => Number(v.getBigInt64(16 + 8 * i, true)));
    const pixdim = Array.from({ length: 8 }, (_, i) => v.getFloat64(104 + 8 * i, true));
    expect(v.getInt32(348, true)).toBeGreaterThan(0); // sform_code
    const srow = Array.from({ length: 12 }, (_, i) => v.getFloat64(400 + 8 * i, true));
    const xyztUnits = v.getInt32(500, true);
    expect(xyztUnits & 7).toBe(2); // mm: no spatial conversion
    expect(xyztUnits & 0x38).toBe(8); // seconds

    expect(obj.format).toBe('nifti2');
    expect(obj.dims).toEqual(dim.slice(1, dim[0]! + 1));
    expect(obj.dims).toEqual([32, 20, 12, 2]); // SOURCES.md
    expectClose(obj.spacing, pixdim.slice(1, 5));
    expectClose(obj.affine, [...srow, 0, 0, 0, 1]);
    expectClose(obj.affine, [-2, 0, 0, 117.8551, 0, 1.97371, -0.355528, -35.72294, 0, 0.323208, 2.171082, -7.248798, 0, 0, 0, 1]); // nibabel
    expect(obj.datatype).toBe('int16');
    expect(obj.isLabelMap).toBe(false);
  });

  it('reads 4D voxels at vox_offset (values checked against nibabel)', async () => {
    const vol = await readNiftiVolume(sharedData('nifti/example_nifti2.nii.gz'));
    expect(vol.data.length).toBe(32 * 20 * 12 * 2);
    expect(Array.from(vol.data.subarray(0, 5) as Int16Array)).toEqual([424, 428, 408, 403, 359]);
    expect(vol.data[10 + 10 * 32 + 6 * 32 * 20 + 1 * 32 * 20 * 12]).toBe(423);
    expect(vol.data[0]).toBe(v.getInt16(Number(v.getBigInt64(168, true)), true));
  });
});
