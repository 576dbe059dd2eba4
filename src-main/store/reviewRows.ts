/**
 * Rows of the review tables (schema v2) and their mapping to the contract's review types. Kept apart from
 * the repository so reading and writing share one definition of each column's JSON shape.
 */
import type { AnalysisResult } from '../contract/schemas';
import type { FindingDecision, FirstRead, ReviewBox, ReviewedFinding, StoredAnalysis } from '../contract/reviewSchemas';
import { parseJson, parseJsonOrNull } from './sqlValues';

export interface AnalysisRow {
  id: number;
  study_ref: number;
  result: string;
  created_by: string;
  created_at: string;
}

export interface FindingRow {
  id: number;
  study_ref: number;
  analysis_ref: number | null;
  position: number;
  label: string;
  boxes: string;
  original: string | null;
  sentences: string;
  decision: FindingDecision;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
}

export interface FirstReadRow {
  study_ref: number;
  impression: string;
  labels: string;
  recorded_by: string;
  recorded_at: string;
}

export function toStoredAnalysis(r: AnalysisRow): StoredAnalysis {
  return { id: r.id, createdAt: r.created_at, createdBy: r.created_by, result: parseJson<AnalysisResult>(r.result) };
}

export function toReviewedFinding(r: FindingRow): ReviewedFinding {
  return {
    id: r.id,
    studyId: r.study_ref,
    analysisId: r.analysis_ref,
    label: r.label,
    boxes: parseJson<ReviewBox[]>(r.boxes),
    original: parseJsonOrNull<NonNullable<ReviewedFinding['original']>>(r.original),
    sentences: parseJson<string[]>(r.sentences),
    decision: r.decision,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    comment: r.comment,
  };
}

export function toFirstRead(r: FirstReadRow): FirstRead {
  return { impression: r.impression, labels: parseJson<string[]>(r.labels), recordedBy: r.recorded_by, recordedAt: r.recorded_at };
}

/** Only the box fields, in a fixed key order, so stored JSON never carries stray properties. */
export function boxesJson(boxes: readonly ReviewBox[]): string {
  return JSON.stringify(boxes.map((b) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, ref: b.ref })));
}
