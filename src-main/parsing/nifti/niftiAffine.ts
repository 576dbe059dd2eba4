import type { NiftiHeader } from './parseNiftiHeader';

export type AffineSource = 'sform' | 'qform' | 'pixdim';

/**
 * Voxel (i,j,k) → world (x,y,z) as a row-major 4×4 matrix, following the three methods of the NIfTI-1 spec
 * (nifti1.h, "3D IMAGE (VOLUME) ORIENTATION AND LOCATION IN SPACE"): method 3 (sform) when sform_code > 0,
 * else method 2 (qform quaternion) when qform_code > 0, else method 1 (pixdim scaling only). sform is
 * preferred because it is what registration tools write last; the spec leaves the choice to the reader.
 * Units are the file's own (see spatialUnitToMm).
 */
export function niftiAffine(h: NiftiHeader): { affine: number[]; source: AffineSource } {
  if (h.sformCode > 0) {
    return { affine: [...h.srow[0], ...h.srow[1], ...h.srow[2], 0, 0, 0, 1], source: 'sform' };
  }
  const [dx, dy, dz] = [1, 2, 3].map((i) => h.pixdim[i] ?? 1) as [number, number, number];
  if (h.qformCode > 0) {
    const r = quaternionToRotation(...h.quatern);
    // qfac (pixdim[0]) is ±1 and flips the k axis; the spec says to treat 0 as 1.
    const qfac = h.pixdim[0] === -1 ? -1 : 1;
    const scale = [dx, dy, dz * qfac];
    const m: number[] = [];
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 3; col++) m.push(r[row]![col]! * scale[col]!);
      m.push(h.qoffset[row]!);
    }
    return { affine: [...m, 0, 0, 0, 1], source: 'qform' };
  }
  return { affine: [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1], source: 'pixdim' };
}

/**
 * Rotation matrix from the quaternion's b, c, d; a = sqrt(1 - b² - c² - d²). When rounding makes the sum
 * exceed 1, a is 0 and (b, c, d) is renormalised (as nifti1_io does), i.e. a 180° rotation.
 */
export function quaternionToRotation(b: number, c: number, d: number): number[][] {
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    const n = Math.sqrt(b * b + c * c + d * d) || 1;
    b /= n;
    c /= n;
    d /= n;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  return [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
}

/** Millimetres per spatial unit of xyzt_units (bits 0-2). Unknown (0) is taken as mm, the common default. */
export function spatialUnitToMm(xyztUnits: number): number {
  switch (xyztUnits & 0x07) {
    case 1:
      return 1000; // NIFTI_UNITS_METER
    case 3:
      return 0.001; // NIFTI_UNITS_MICRON
    default:
      return 1; // NIFTI_UNITS_MM or unknown
  }
}

/** Seconds per time unit of xyzt_units (bits 3-5); unknown is taken as seconds. */
export function timeUnitToSeconds(xyztUnits: number): number {
  switch (xyztUnits & 0x38) {
    case 16:
      return 0.001; // NIFTI_UNITS_MSEC
    case 24:
      return 0.000001; // NIFTI_UNITS_USEC
    default:
      return 1; // NIFTI_UNITS_SEC or unknown / Hz / ppm (kept as stored)
  }
}
