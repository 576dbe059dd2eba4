import type { BBox } from './types';

/** The two pixel grids of one image: as fed to the vision encoder (after smart_resize) and as stored. */
export interface ImageGrids {
  resizedWidth: number;
  resizedHeight: number;
  originalWidth: number;
  originalHeight: number;
}

/**
 * Maps a box from resized-image pixels (what the model sees and answers in, notes §2) to the original
 * image / DICOM grid. smart_resize scales each axis by its own factor (both sides are rounded to
 * multiples of 28 separately), so x and y use originalWidth/resizedWidth and originalHeight/resizedHeight.
 * Coordinates are treated as continuous positions, not pixel indices, so a full-image box [0,0,W,H]
 * maps to the full original; results are clamped to [0, width] × [0, height] and corners are ordered
 * (x1 ≤ x2, y1 ≤ y2) because models occasionally swap them.
 */
export function mapBoxToOriginal(bbox: BBox, grids: ImageGrids): BBox {
  assertGrids(grids);
  const { resizedWidth, resizedHeight, originalWidth, originalHeight } = grids;
  return scaleBox(bbox, originalWidth / resizedWidth, originalHeight / resizedHeight, originalWidth, originalHeight);
}

/** The inverse: original-grid box (e.g. a dataset's ground-truth bbox) into the model's resized grid. */
export function mapBoxToResized(bbox: BBox, grids: ImageGrids): BBox {
  assertGrids(grids);
  const { resizedWidth, resizedHeight, originalWidth, originalHeight } = grids;
  return scaleBox(bbox, resizedWidth / originalWidth, resizedHeight / originalHeight, resizedWidth, resizedHeight);
}

/** Scales each axis, clamps into the target grid and orders the corners. */
function scaleBox(bbox: BBox, sx: number, sy: number, width: number, height: number): BBox {
  const x1 = clamp(bbox[0] * sx, width);
  const y1 = clamp(bbox[1] * sy, height);
  const x2 = clamp(bbox[2] * sx, width);
  const y2 = clamp(bbox[3] * sy, height);
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function clamp(v: number, max: number): number {
  return Math.min(max, Math.max(0, v));
}

/** Bad grid sizes are a caller bug (metadata not loaded), so they throw instead of yielding NaN boxes. */
function assertGrids(grids: ImageGrids): void {
  for (const [name, value] of Object.entries(grids)) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new RangeError(`mapBox: ${name} must be a positive finite number, got ${String(value)}`);
    }
  }
}
