import { niftiAffine, spatialUnitToMm, timeUnitToSeconds, type AffineSource } from './niftiAffine';
import type { NiftiHeader } from './parseNiftiHeader';

export interface NiftiGeometry {
  dims: number[];
  /** pixdim[1..ndim]: spatial axes in mm, the 4th axis in seconds (units converted from xyzt_units). */
  spacing: number[];
  /** Row-major 4×4 voxel → world (RAS+, mm). */
  affine: number[];
  affineSource: AffineSource;
}

/** Grid, spacing and affine in mm, so every NIfTI lands in the same units as DICOM geometry. */
export function niftiGeometry(h: NiftiHeader): NiftiGeometry {
  const mm = spatialUnitToMm(h.xyztUnits);
  const sec = timeUnitToSeconds(h.xyztUnits);
  const spacing = h.dims.map((_, i) => {
    const raw = Math.abs(h.pixdim[i + 1] ?? 0);
    if (i < 3) return raw * mm;
    return i === 3 ? raw * sec : raw;
  });
  const { affine, source } = niftiAffine(h);
  // Scale the 3×4 part (rotation·zoom and translation) into mm; the bottom row stays 0 0 0 1.
  const scaled = affine.map((v, i) => (i < 12 ? v * mm : v));
  return { dims: [...h.dims], spacing, affine: scaled, affineSource: source };
}
