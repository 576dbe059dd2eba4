// "Fit width": the whole page in the panel, scaled, instead of true paper size with a scroll bar. The grid
// then no longer measures true with a ruler, so the page says by how much it is scaled; calipers are
// unaffected (they read time and voltage from the page's own millimetres, whatever its size on screen).
import type { KeyValueStorage } from './screenCalibration';

export const FIT_WIDTH_STORAGE_KEY = 'qoq.ecg.fitWidth';

/** Below a quarter of paper size the 1 mm grid is under a pixel: scroll rather than shrink further. */
export const MIN_FIT_SCALE = 0.25;
/** Above four times, the page of a narrow 12×1 layout would fill a wall screen with one lead. */
export const MAX_FIT_SCALE = 4;

/** How much a page `pageWidthPx` wide (at paper size) is scaled to fill `availablePx`; 1 when unknown. */
export function fitScale(availablePx: number, pageWidthPx: number): number {
  if (!(availablePx > 0) || !(pageWidthPx > 0)) return 1;
  return Math.min(MAX_FIT_SCALE, Math.max(MIN_FIT_SCALE, availablePx / pageWidthPx));
}

/** The footer's words for a page drawn at `scale` × paper size ('' at paper size). */
export function scaleNote(scale: number): string {
  const percent = Math.round(scale * 100);
  return percent === 100 ? '' : `fit to width: ${percent} % of paper size, not for ruler measurement`;
}

export function readFitWidth(storage: KeyValueStorage): boolean {
  return storage.getItem(FIT_WIDTH_STORAGE_KEY) === 'true';
}

export function writeFitWidth(storage: KeyValueStorage, fit: boolean): void {
  storage.setItem(FIT_WIDTH_STORAGE_KEY, String(fit));
}
