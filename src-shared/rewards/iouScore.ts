import { foregroundCounterFor, type ForegroundCounter, type GroundTruthMask } from './foregroundCounter';
import { rectArea, rectIntersectionArea, toPixelRect, type PixelBounds, type PixelRect } from './toPixelRect';

/** Ground truth for localisation, in the same (resized) pixel grid as the predicted boxes. */
export interface GroundTruthRegion {
  mask?: GroundTruthMask;
  box?: readonly [number, number, number, number];
}

type Box = readonly [number, number, number, number];

/**
 * IoU reward (notes §3): each predicted box against the ground-truth mask when it has any foreground,
 * else against the ground-truth box; the MEAN over predicted boxes, so every extra wrong box pulls the
 * score down. No boxes, or no usable ground truth, gives 0.
 *
 * Box-vs-box IoU counts whole pixels with the same inclusive rule as the mask path (toPixelRect), so a
 * GT box and the mask rasterised from it score identically: [0,0,9,9] is 100 pixels, not 81 as the
 * reference's continuous (x2−x1)·(y2−y1) would have it. When an empty mask comes with the sample, its
 * size clamps both boxes to the image. Coordinates beyond ~1e150 overflow the area to Infinity and
 * score 0, which no real pixel box reaches.
 */
export function iouScore(predBoxes: readonly Box[], gt: GroundTruthRegion): number {
  if (predBoxes.length === 0) return 0;
  const counter = gt.mask ? foregroundCounterFor(gt.mask) : null;
  const bounds: PixelBounds | undefined =
    gt.mask && gt.mask.width > 0 && gt.mask.height > 0 ? { width: gt.mask.width, height: gt.mask.height } : undefined;

  if (counter && counter.total > 0) return mean(predBoxes.map((b) => maskIoU(toPixelRect(b, bounds), counter)));

  const gtRect = gt.box ? toPixelRect(gt.box, bounds) : null;
  if (!gtRect) return 0;
  return mean(predBoxes.map((b) => boxIoU(toPixelRect(b, bounds), gtRect)));
}

function maskIoU(rect: PixelRect | null, counter: ForegroundCounter): number {
  if (!rect) return 0;
  const intersection = counter.countIn(rect);
  return ratio(intersection, rectArea(rect) + counter.total - intersection);
}

function boxIoU(rect: PixelRect | null, gtRect: PixelRect): number {
  if (!rect) return 0;
  const intersection = rectIntersectionArea(rect, gtRect);
  return ratio(intersection, rectArea(rect) + rectArea(gtRect) - intersection);
}

function ratio(intersection: number, union: number): number {
  const r = intersection / union;
  return Number.isFinite(r) ? r : 0;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
