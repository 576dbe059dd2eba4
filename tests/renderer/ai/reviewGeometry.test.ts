// Pure parts of the review overlay and panel: box ↔ cornerstone image rect (inclusive pixels), drags,
// and which boxes of a finding are drawn and scored against which truth.
import { describe, expect, it } from 'vitest';
import type { GroundTruth, ReviewedFinding } from '../../../src-main/contract/reviewSchemas';
import { dragRect, toImageRect, toReviewBox } from '../../../src-renderer/src/ai/overlay/boxGeometry';
import { scoredBoxes } from '../../../src-renderer/src/ai/reviewMetrics';

const ref = 'image:1';
const size = { width: 256, height: 256 };

describe('box geometry', () => {
  it('round-trips a box through the image rect (pixel x spans [x, x+1] in cornerstone)', () => {
    const box = { x1: 10, y1: 20, x2: 30, y2: 40, ref };
    expect(toImageRect(box)).toEqual({ left: 10, top: 20, right: 31, bottom: 41 });
    expect(toReviewBox(toImageRect(box), ref, size)).toEqual(box);
  });

  it('moves and resizes, then orders, rounds and clamps to the image', () => {
    const start = toImageRect({ x1: 10, y1: 10, x2: 19, y2: 19, ref });
    expect(toReviewBox(dragRect(start, 'move', 5.4, -2.6), ref, size)).toEqual({ x1: 15, y1: 7, x2: 24, y2: 16, ref });
    expect(toReviewBox(dragRect(start, 'se', 100, 1000), ref, size)).toEqual({ x1: 10, y1: 10, x2: 119, y2: 255, ref });
    // Dragging the north-west corner past the south-east one flips the box rather than inverting it.
    expect(toReviewBox(dragRect(start, 'nw', 30, 30), ref, size)).toEqual({ x1: 20, y1: 20, x2: 39, y2: 39, ref });
    expect(toReviewBox(dragRect(start, 'move', -50, -50), ref, size)).toEqual({ x1: 0, y1: 0, x2: 0, y2: 0, ref });
  });
});

describe('scored boxes', () => {
  const finding = (decision: ReviewedFinding['decision']): ReviewedFinding => ({
    id: 1,
    studyId: 1,
    analysisId: 1,
    label: 'melanoma',
    boxes: [{ x1: 0, y1: 0, x2: 9, y2: 9, ref }],
    original: { label: 'melanoma', boxes: [{ x1: 0, y1: 0, x2: 19, y2: 9, ref }], inAnswer: true },
    sentences: [],
    decision,
    decidedBy: null,
    decidedAt: null,
    comment: null,
  });
  const sidecar: GroundTruth = { source: 'sidecar', labels: ['melanoma'], boxes: [{ x1: 0, y1: 0, x2: 9, y2: 9, ref, label: 'melanoma' }], maskRefs: [] };
  const reviewTruth: GroundTruth = { ...sidecar, source: 'review' };

  it('scores current and original boxes against dataset truth', () => {
    expect(scoredBoxes(finding('edited'), sidecar).map((s) => [s.kind, s.iou])).toEqual([['current', 1], ['original', 0.5]]);
    expect(scoredBoxes(finding('pending'), sidecar).map((s) => [s.kind, s.iou])).toEqual([['current', 1]]);
  });

  it('scores only the AI original against the reader’s correction under review truth', () => {
    expect(scoredBoxes(finding('edited'), reviewTruth).map((s) => [s.kind, s.iou])).toEqual([['current', null], ['original', 0.5]]);
    expect(scoredBoxes(finding('accepted'), reviewTruth).map((s) => [s.kind, s.iou])).toEqual([['current', null]]);
    expect(scoredBoxes(finding('pending'), null).map((s) => [s.kind, s.iou])).toEqual([['current', null]]);
  });
});
