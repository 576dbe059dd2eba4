import type { BBox, PredictedBox } from './types';

/** A `bbox_2d` value the protocol accepts: exactly four finite numbers (overflowed 1e999 is not). */
export function isBBox(value: unknown): value is BBox {
  return Array.isArray(value) && value.length === 4 && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The items of one of the three JSON shapes the reference accepts (notes §3): a list of items, a single
 * object carrying `bbox_2d`, or `{"objects_of_interest": [...]}`. Anything else has no items.
 */
export function jsonItems(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  if (!isPlainObject(parsed)) return [];
  if ('bbox_2d' in parsed) return [parsed];
  const nested = parsed['objects_of_interest'];
  return Array.isArray(nested) ? nested : [];
}

/**
 * Boxes of the accepted shapes. Items whose `bbox_2d` is missing or not four finite numbers are dropped
 * rather than turned into zero-IoU boxes: the format score already charges for them, and a box that
 * cannot be drawn cannot be shown in the viewer either.
 */
export function boxesFromJson(parsed: unknown): PredictedBox[] {
  const boxes: PredictedBox[] = [];
  for (const item of jsonItems(parsed)) {
    if (!isPlainObject(item)) continue;
    const bbox = item['bbox_2d'];
    if (!isBBox(bbox)) continue;
    const label = item['label'];
    boxes.push({ label: typeof label === 'string' ? label : null, bbox: [bbox[0], bbox[1], bbox[2], bbox[3]] });
  }
  return boxes;
}

/** Shapes worth taking when JSON is found WITHOUT a fence, where prose like "[1]" must not count. */
export function isBoxShaped(parsed: unknown): boolean {
  if (Array.isArray(parsed)) return parsed.length > 0 && parsed.every(isPlainObject);
  return isPlainObject(parsed) && ('bbox_2d' in parsed || Array.isArray(parsed['objects_of_interest']));
}
