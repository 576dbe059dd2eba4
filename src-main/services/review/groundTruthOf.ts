/**
 * The study's ground truth, from the most trusted source it has:
 * 1. photo sidecars imported with the images (labels, boxes in original pixels, a mask file) — what a
 *    dataset says, so it outranks the reader's review of this one study;
 * 2. the reader's reviewed findings (accepted, edited, added) — the site's own ground truth, which is what
 *    fine-tuning learns from.
 * Imported DICOM SEG / SR are not read yet (their segments are not parsed at import): a study whose only
 * ground truth is a SEG gets its reviewed findings instead. See the report of issue 7.
 */
import type { StudyDetail } from '../../contract/schemas';
import type { GroundTruth, ReviewedFinding } from '../../contract/reviewSchemas';

type GroundTruthBox = GroundTruth['boxes'][number];

export function groundTruthOf(detail: StudyDetail, findings: readonly ReviewedFinding[]): GroundTruth | null {
  return fromSidecars(detail) ?? fromReview(findings);
}

function fromSidecars(detail: StudyDetail): GroundTruth | null {
  const labels: string[] = [];
  const boxes: GroundTruthBox[] = [];
  const maskRefs: string[] = [];
  for (const image of detail.series.flatMap((s) => s.images)) {
    const sidecar = image.sidecar;
    if (!sidecar) continue;
    const ref = `image:${image.id}`;
    for (const label of stringList(sidecar['labels'])) labels.push(label);
    for (const b of boxList(sidecar['boxes'])) boxes.push({ x1: b.box[0], y1: b.box[1], x2: b.box[2], y2: b.box[3], ref, label: b.label });
    if (typeof sidecar['maskPath'] === 'string') maskRefs.push(ref);
  }
  if (labels.length === 0 && boxes.length === 0) return null;
  return { source: 'sidecar', labels: unique(labels), boxes, maskRefs };
}

function fromReview(findings: readonly ReviewedFinding[]): GroundTruth | null {
  const kept = findings.filter((f) => f.decision === 'accepted' || f.decision === 'edited' || f.decision === 'added');
  if (kept.length === 0) return null;
  return {
    source: 'review',
    labels: unique(kept.map((f) => f.label)),
    boxes: kept.flatMap((f) => f.boxes.map((b) => ({ ...b, label: f.label }))),
    maskRefs: [],
  };
}

// Sidecars were validated at import (photoSidecarSchema); the contract types them loosely, so re-check.
function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

function boxList(value: unknown): { label: string | null; box: [number, number, number, number] }[] {
  if (!Array.isArray(value)) return [];
  const out: { label: string | null; box: [number, number, number, number] }[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object') continue;
    const { label, box } = item as { label?: unknown; box?: unknown };
    if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v))) continue;
    out.push({ label: typeof label === 'string' && label.length > 0 ? label : null, box: box as [number, number, number, number] });
  }
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
