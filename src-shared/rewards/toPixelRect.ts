/** A box as a set of whole pixels: columns x1..x2 and rows y1..y2, both ends INCLUDED. */
export interface PixelRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PixelBounds {
  width: number;
  height: number;
}

/**
 * The one rasterisation rule both IoU paths share (notes §3: inclusive pixel bounds, clamped to the
 * image). Each coordinate names the pixel containing it (floor, which equals the reference's int() for
 * the non-negative coordinates that matter); swapped corners are reordered; the rect is clamped to the
 * image, or only to x, y ≥ 0 when the image size is unknown. A box lying wholly outside covers nothing
 * (null) rather than being squashed onto the border row, and a degenerate box such as [3,3,3,3] covers
 * its one pixel. (The reference's bbox_to_mask drops boxes with x1 == x2 or y1 == y2 after clamping, which
 * contradicts "inclusive"; we keep the inclusive reading.) Non-finite coordinates cover nothing.
 */
export function toPixelRect(bbox: readonly number[], bounds?: PixelBounds): PixelRect | null {
  if (bbox.length !== 4 || !bbox.every((v) => Number.isFinite(v))) return null;
  const [a, b, c, d] = bbox.map(Math.floor) as [number, number, number, number];
  const maxX = bounds ? bounds.width - 1 : Infinity;
  const maxY = bounds ? bounds.height - 1 : Infinity;
  const x1 = Math.min(a, c);
  const x2 = Math.max(a, c);
  const y1 = Math.min(b, d);
  const y2 = Math.max(b, d);
  if (x2 < 0 || y2 < 0 || x1 > maxX || y1 > maxY) return null;
  return { x1: Math.max(0, x1), y1: Math.max(0, y1), x2: Math.min(maxX, x2), y2: Math.min(maxY, y2) };
}

export function rectArea(r: PixelRect): number {
  return (r.x2 - r.x1 + 1) * (r.y2 - r.y1 + 1);
}

/** Pixels shared by two rects (0 when disjoint). */
export function rectIntersectionArea(p: PixelRect, q: PixelRect): number {
  const w = Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1) + 1;
  const h = Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1) + 1;
  return w > 0 && h > 0 ? w * h : 0;
}
