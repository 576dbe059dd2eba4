// NIfTI voxels as float32 in the stored (x fastest) order, scaled by scl_slope/scl_inter, for either byte
// order. Pure: the header fields come in as numbers, so this is tested without a browser.

export interface NiftiVoxelLayout {
  datatypeCode: number;
  littleEndian: boolean;
  /** Number of voxels to read (first 3D volume of a 4D file). */
  count: number;
  sclSlope: number;
  sclInter: number;
}

type Reader = (view: DataView, offset: number, le: boolean) => number;

/** NIfTI datatype code → bytes per voxel and a DataView reader. */
const READERS: Record<number, [bytes: number, read: Reader]> = {
  2: [1, (v, o) => v.getUint8(o)],
  4: [2, (v, o, le) => v.getInt16(o, le)],
  8: [4, (v, o, le) => v.getInt32(o, le)],
  16: [4, (v, o, le) => v.getFloat32(o, le)],
  64: [8, (v, o, le) => v.getFloat64(o, le)],
  256: [1, (v, o) => v.getInt8(o)],
  512: [2, (v, o, le) => v.getUint16(o, le)],
  768: [4, (v, o, le) => v.getUint32(o, le)],
};

export function niftiVoxels(image: ArrayBuffer, layout: NiftiVoxelLayout): Float32Array {
  const entry = READERS[layout.datatypeCode];
  if (!entry) throw new Error(`NIfTI datatype ${layout.datatypeCode} cannot be displayed`);
  const [bytes, read] = entry;
  if (image.byteLength < layout.count * bytes) throw new Error('the NIfTI file is shorter than its dimensions');
  // scl_slope 0 (or not a number) means "no scaling" at all (NIfTI-1 §scl_slope), intercept included.
  const scaled = layout.sclSlope !== 0 && Number.isFinite(layout.sclSlope);
  const slope = scaled ? layout.sclSlope : 1;
  const inter = scaled && Number.isFinite(layout.sclInter) ? layout.sclInter : 0;
  const view = new DataView(image);
  const out = new Float32Array(layout.count);
  for (let i = 0; i < layout.count; i++) out[i] = read(view, i * bytes, layout.littleEndian) * slope + inter;
  return out;
}

export interface VolumeGeometry {
  origin: [number, number, number];
  spacing: [number, number, number];
  /** Direction cosines of the i, j, k voxel axes, one after the other (cornerstone's Mat3 layout). */
  direction: [number, number, number, number, number, number, number, number, number];
}

/**
 * The stored 4×4 voxel-to-RAS affine (row-major) as cornerstone geometry in LPS: x and y flip sign.
 * A degenerate affine (zero column) falls back to axis-aligned voxels of the stored spacing.
 */
/** x + 0 turns -0 (from the sign flips below) into 0, so geometry prints and compares cleanly. */
const noNegativeZero = (x: number) => x + 0;

export function lpsGeometry(affine: readonly number[], spacing: readonly number[]): VolumeGeometry {
  const a = (r: number, c: number) => affine[r * 4 + c] ?? 0;
  const lps = [-1, -1, 1];
  const columns = [0, 1, 2].map((c) => [0, 1, 2].map((r) => noNegativeZero(a(r, c) * (lps[r] ?? 1))));
  const norms = columns.map((col) => Math.hypot(...col));
  if (norms.some((n) => !(n > 0))) {
    return {
      origin: [0, 0, 0],
      spacing: [spacing[0] || 1, spacing[1] || 1, spacing[2] || 1],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
  }
  const unit = columns.flatMap((col, c) => col.map((v) => noNegativeZero(v / (norms[c] ?? 1))));
  return {
    origin: [noNegativeZero(-a(0, 3)), noNegativeZero(-a(1, 3)), a(2, 3)],
    spacing: [norms[0] ?? 1, norms[1] ?? 1, norms[2] ?? 1],
    direction: unit as VolumeGeometry['direction'],
  };
}

/**
 * A display window over the 1st–99th percentile of the voxels (on a strided sample of at most 200k), so a
 * few extreme voxels do not squash the image into one grey; NIfTI carries no window of its own that
 * viewers agree on (cal_min/cal_max are mostly unset).
 */
export function robustWindow(values: Float32Array): { width: number; center: number } {
  const step = Math.max(1, Math.floor(values.length / 200_000));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v)) sample.push(v);
  }
  if (!sample.length) return { width: 1, center: 0 };
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(0.01 * (sample.length - 1))] ?? 0;
  const hi = sample[Math.ceil(0.99 * (sample.length - 1))] ?? 1;
  const width = Math.max(hi - lo, 1e-6);
  return { width, center: lo + width / 2 };
}

/**
 * DICOM volumes reach cornerstone with a right-handed voxel frame (i × j = k, the slice normal); NIfTI
 * files often store a left-handed one (radiological x flip). Such a volume is given the same kind of frame
 * as the DICOM ones the viewers are built and tested with: the rows are reversed in place, the j axis
 * turns round and the origin moves to what was the last row — the same anatomy at the same positions.
 */
export function rightHanded(
  voxels: Float32Array,
  dims: readonly [number, number, number],
  g: VolumeGeometry,
): VolumeGeometry {
  const d = g.direction;
  const det = d[0] * (d[4] * d[8] - d[5] * d[7]) - d[1] * (d[3] * d[8] - d[5] * d[6]) + d[2] * (d[3] * d[7] - d[4] * d[6]);
  if (det >= 0) return g;
  const [nx, ny, nz] = dims;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny >> 1; j++) {
      const a = (k * ny + j) * nx;
      const b = (k * ny + (ny - 1 - j)) * nx;
      const row = voxels.slice(a, a + nx);
      voxels.copyWithin(a, b, b + nx);
      voxels.set(row, b);
    }
  }
  const shift = (ny - 1) * g.spacing[1];
  return {
    spacing: g.spacing,
    origin: [g.origin[0] + shift * d[3], g.origin[1] + shift * d[4], g.origin[2] + shift * d[5]],
    direction: [d[0], d[1], d[2], noNegativeZero(-d[3]), noNegativeZero(-d[4]), noNegativeZero(-d[5]), d[6], d[7], d[8]],
  };
}
