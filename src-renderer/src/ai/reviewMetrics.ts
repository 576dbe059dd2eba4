// The numbers the review panel shows next to AI output — each box's IoU with the ground truth and the
// study's label F1 — computed with THE reward functions the trainer uses (src-shared/rewards, which
// src-main/ml/rewards re-exports), so what a reader sees is exactly what fine-tuning optimises.
import type { GroundTruth, ReviewBox, ReviewedFinding } from '../../../src-main/contract/reviewSchemas';
import { f1Score, iouScore, type GroundTruthMask } from '../../../src-shared/rewards';

export { f1Score, iouScore };

/** At or above this IoU a box counts as on target (the usual detection threshold). */
export const IOU_THRESHOLD = 0.5;
/** At or above this label F1 the answer is coloured as mostly right. */
export const F1_THRESHOLD = 0.5;

/** F1 of the AI's answer labels against the ground-truth labels; null without ground truth. */
export function studyLabelF1(answer: readonly string[] | null, truth: GroundTruth | null): number | null {
  return truth ? f1Score(answer, truth.labels) : null;
}

/** Ground-truth masks by image ref (decoded from GroundTruth.maskRefs). */
export type TruthMasks = ReadonlyMap<string, GroundTruthMask>;

/**
 * IoU of one box with the truth on the same image, exactly as the reward scores it: against the image's
 * mask when it has one (the reward's mask path, which falls back to the truth box when the mask is
 * empty), else against the truth box — the best one when the image has several (the reward takes a single
 * truth region per sample). null when no truth lies on that image, so "no truth" never reads as "IoU 0".
 */
export function boxIou(box: ReviewBox, truth: readonly ReviewBox[], masks?: TruthMasks): number | null {
  const pred: [number, number, number, number][] = [[box.x1, box.y1, box.x2, box.y2]];
  const same = truth.filter((t) => t.ref === box.ref);
  const mask = masks?.get(box.ref);
  const asTuple = (t: ReviewBox): [number, number, number, number] => [t.x1, t.y1, t.x2, t.y2];
  if (mask) return iouScore(pred, { mask, ...(same[0] ? { box: asTuple(same[0]) } : {}) });
  if (same.length === 0) return null;
  return Math.max(...same.map((t) => iouScore(pred, { box: asTuple(t) })));
}

export interface ScoredBox {
  box: ReviewBox;
  /** Which of the finding's boxes this is: as it stands now, or the AI's original of a corrected one. */
  kind: 'current' | 'original';
  iou: number | null;
}

/**
 * What to draw and score for a finding: its current boxes, and for a corrected (`edited`) finding also
 * the AI's original boxes, so the reader sees what the model proposed next to the correction.
 * Dataset truth (sidecar, SEG, SR) scores every box against the truth. Review truth is built from the
 * reader's own boxes, so current boxes would score 1 by construction: they get no IoU, and the AI's
 * originals are scored against the reader's correction instead.
 */
export function scoredBoxes(finding: ReviewedFinding, truth: GroundTruth | null, masks?: TruthMasks): ScoredBox[] {
  const dataset = truth && truth.source !== 'review' ? truth.boxes : null;
  const current = finding.boxes.map((box): ScoredBox => ({ box, kind: 'current', iou: dataset ? boxIou(box, dataset, masks) : null }));
  if (finding.decision !== 'edited' || !finding.original) return current;
  const originals = finding.original.boxes.map(
    (box): ScoredBox => ({ box, kind: 'original', iou: dataset ? boxIou(box, dataset, masks) : truth ? boxIou(box, finding.boxes) : null }),
  );
  return [...current, ...originals];
}

/** "0.67" — two decimals: the reward's resolution that matters to a reader. */
export function formatScore(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}
