import { describe, expect, it } from 'vitest';
import { lpsGeometry, niftiVoxels, rightHanded, robustWindow } from '../../../src-renderer/src/viewer/nifti/niftiVoxels';

describe('NIfTI voxels', () => {
  it('reads int16 in either byte order and applies scl_slope/scl_inter', () => {
    const le = new DataView(new ArrayBuffer(6));
    const be = new DataView(new ArrayBuffer(6));
    [-610, 0, 30393].forEach((v, i) => {
      le.setInt16(i * 2, v, true);
      be.setInt16(i * 2, v, false);
    });
    const layout = { datatypeCode: 4, count: 3, sclSlope: 1, sclInter: 0 };
    expect([...niftiVoxels(le.buffer, { ...layout, littleEndian: true })]).toEqual([-610, 0, 30393]);
    expect([...niftiVoxels(be.buffer, { ...layout, littleEndian: false })]).toEqual([-610, 0, 30393]);
    expect([...niftiVoxels(le.buffer, { ...layout, littleEndian: true, sclSlope: 2, sclInter: 10 })]).toEqual([-1210, 10, 60796]);
    // scl_slope 0 means unscaled.
    expect([...niftiVoxels(le.buffer, { ...layout, littleEndian: true, sclSlope: 0, sclInter: 5 })]).toEqual([-610, 0, 30393]);
    expect([...niftiVoxels(le.buffer, { ...layout, littleEndian: true, sclSlope: Number.NaN, sclInter: 5 })]).toEqual([-610, 0, 30393]);
  });

  it('refuses unknown datatypes and short data', () => {
    expect(() => niftiVoxels(new ArrayBuffer(8), { datatypeCode: 128, littleEndian: true, count: 1, sclSlope: 1, sclInter: 0 })).toThrow(/datatype 128/);
    expect(() => niftiVoxels(new ArrayBuffer(2), { datatypeCode: 16, littleEndian: true, count: 1, sclSlope: 1, sclInter: 0 })).toThrow(/shorter/);
  });
});

describe('NIfTI geometry', () => {
  it('turns the RAS affine into LPS origin, spacing and direction', () => {
    // anatomical.nii: x flipped (radiological), 2 mm voxels.
    const affine = [-2, 0, 0, 32, 0, 2, 0, -40, 0, 0, 2, -16, 0, 0, 0, 1];
    expect(lpsGeometry(affine, [2, 2, 2])).toEqual({ origin: [-32, 40, -16], spacing: [2, 2, 2], direction: [1, 0, 0, 0, -1, 0, 0, 0, 1] });
    expect(lpsGeometry(new Array(16).fill(0), [3, 4, 5]).spacing).toEqual([3, 4, 5]);
  });

  it('makes a left-handed frame right-handed by reversing the rows, keeping every voxel where it was', () => {
    const g = lpsGeometry([-2, 0, 0, 32, 0, 2, 0, -40, 0, 0, 2, -16, 0, 0, 0, 1], [2, 2, 2]);
    const voxels = Float32Array.from([0, 1, 2, 3, 4, 5]); // nx 1, ny 3, nz 2
    const world = (geo: typeof g, i: number, j: number, k: number) =>
      [0, 1, 2].map((a) => geo.origin[a]! + i * geo.spacing[0] * geo.direction[a]! + j * geo.spacing[1] * geo.direction[3 + a]! + k * geo.spacing[2] * geo.direction[6 + a]!);
    const before = world(g, 0, 0, 1);
    const flipped = rightHanded(voxels, [1, 3, 2], g);
    expect(flipped.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect([...voxels]).toEqual([2, 1, 0, 5, 4, 3]);
    // Voxel value 3 (j 0, k 1) is now at j 2 and still at the same place in the patient.
    expect(world(flipped, 0, 2, 1)).toEqual(before);
    const untouched = Float32Array.from([1, 2]);
    expect(rightHanded(untouched, [1, 2, 1], flipped)).toBe(flipped);
  });

  it('windows the 1st to 99th percentile', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => (i === 999 ? 1e6 : i));
    const w = robustWindow(values);
    expect(w.center - w.width / 2).toBeCloseTo(9, 0);
    expect(w.center + w.width / 2).toBeLessThan(1000);
  });
});
