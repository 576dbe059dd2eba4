import type { RgbImage } from '../ml/preprocess/types';
import type { NiftiVolume } from '../parsing/nifti/readNiftiVolume';

/**
 * One axial slice (z) of a NIfTI volume as 8-bit grey RGB, windowed to the slice's own min–max of the
 * real values (stored × scl_slope + scl_inter): NIfTI carries no display window, and MR-like intensities
 * have no absolute scale. Rows are flipped so anterior is up, as radiological viewers show RAS+ data.
 */
export function niftiSliceRgb(volume: NiftiVolume, z: number): RgbImage {
  const [nx = 1, ny = 1, nz = 1] = volume.dims;
  if (!(z >= 0 && z < nz)) throw new RangeError(`slice ${z} outside 0..${nz - 1}`);
  if (volume.data.length < nx * ny * nz) throw new Error(`NIfTI data type ${volume.datatype} is not a scalar volume`);
  const scale = volume.sclSlope !== 0 && !Number.isNaN(volume.sclSlope) ? volume.sclSlope : 1;
  const offset = volume.sclSlope !== 0 && !Number.isNaN(volume.sclSlope) ? volume.sclInter : 0;
  const base = z * nx * ny;
  const values = new Float64Array(nx * ny);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = Number(volume.data[base + i]) * scale + offset;
    values[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max > min ? max - min : 1;
  const data = new Uint8Array(nx * ny * 3);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const grey = Math.round(((values[y * nx + x]! - min) / range) * 255);
      const o = ((ny - 1 - y) * nx + x) * 3;
      data[o] = data[o + 1] = data[o + 2] = grey;
    }
  }
  return { width: nx, height: ny, data };
}
