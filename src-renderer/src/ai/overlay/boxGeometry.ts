// Review boxes are inclusive pixel bounds in original image pixels (the reward's convention: x1..x2 are
// whole columns). Cornerstone's image coordinates put pixel x between x and x + 1, so a box spans
// [x1, x2 + 1] there. These helpers convert both ways and apply drags, so the overlay stays thin.
import type { ReviewBox } from '../../../../src-main/contract/reviewSchemas';

export interface ImageRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type DragHandle = 'move' | 'nw' | 'ne' | 'sw' | 'se';

export function toImageRect(b: ReviewBox): ImageRect {
  return { left: b.x1, top: b.y1, right: b.x2 + 1, bottom: b.y2 + 1 };
}

/** Back to whole inclusive pixels, ordered and clamped to the image. */
export function toReviewBox(r: ImageRect, ref: string, size: { width: number; height: number }): ReviewBox {
  const clampX = (v: number) => Math.min(Math.max(Math.round(v), 0), size.width);
  const clampY = (v: number) => Math.min(Math.max(Math.round(v), 0), size.height);
  const [l, rr] = [clampX(Math.min(r.left, r.right)), clampX(Math.max(r.left, r.right))];
  const [t, b] = [clampY(Math.min(r.top, r.bottom)), clampY(Math.max(r.top, r.bottom))];
  return { x1: l, y1: t, x2: Math.max(l, rr - 1), y2: Math.max(t, b - 1), ref };
}

/** The rect after dragging `handle` by (dx, dy) image pixels from where the drag started. */
export function dragRect(start: ImageRect, handle: DragHandle, dx: number, dy: number): ImageRect {
  switch (handle) {
    case 'move':
      return { left: start.left + dx, top: start.top + dy, right: start.right + dx, bottom: start.bottom + dy };
    case 'nw':
      return { ...start, left: start.left + dx, top: start.top + dy };
    case 'ne':
      return { ...start, right: start.right + dx, top: start.top + dy };
    case 'sw':
      return { ...start, left: start.left + dx, bottom: start.bottom + dy };
    case 'se':
      return { ...start, right: start.right + dx, bottom: start.bottom + dy };
  }
}

export function sameBox(a: ReviewBox, b: ReviewBox): boolean {
  return a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2 && a.ref === b.ref;
}
