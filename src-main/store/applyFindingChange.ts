/**
 * What a reader's decision does to a finding: one pure rule set shared by the store (which writes the
 * result and audits before/after) and its tests.
 */
import type { FindingDecision, ReviewBox, ReviewedFinding } from '../contract/reviewSchemas';
import { boxesJson } from './reviewRows';

/** A change to one finding, already validated by the service (vocabulary, box references). */
export interface FindingChange {
  decision: Exclude<FindingDecision, 'added'>;
  label?: string;
  boxes?: ReviewBox[];
  /** undefined leaves the comment as it is; '' clears it. */
  comment?: string;
}

/**
 * The finding after a decision. Rules (one place, so the UI, CLI and tests agree):
 * - `pending` undoes the review: the AI's original label and boxes come back;
 * - `accepted` of a finding whose label or boxes differ from the AI's is recorded as `edited` (the reader
 *   accepted their own correction, and fine-tuning must see the change);
 * - `edited` takes the given label and/or boxes;
 * - `rejected` keeps the current values (the original is stored anyway);
 * - a reader-added finding stays `added` unless it is rejected (withdrawn).
 */
export function applyChange(f: ReviewedFinding, change: FindingChange): ReviewedFinding {
  const label = change.label ?? f.label;
  const boxes = change.boxes ?? f.boxes;
  const comment = change.comment === undefined ? f.comment : change.comment === '' ? null : change.comment;
  if (f.original === null) {
    return { ...f, label, boxes, comment, decision: change.decision === 'rejected' ? 'rejected' : 'added' };
  }
  if (change.decision === 'pending') return { ...f, label: f.original.label, boxes: f.original.boxes, comment, decision: 'pending' };
  if (change.decision === 'rejected') return { ...f, label, boxes, comment, decision: 'rejected' };
  const changed = label !== f.original.label || boxesJson(boxes) !== boxesJson(f.original.boxes);
  const decision: FindingDecision = change.decision === 'edited' || changed ? 'edited' : 'accepted';
  return { ...f, label, boxes, comment, decision };
}
