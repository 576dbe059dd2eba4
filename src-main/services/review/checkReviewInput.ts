/**
 * Checks what a reader submits against the study: labels must come from the domain vocabulary (so
 * fine-tuning and F1 see one spelling per finding), and every box must reference an image of THIS study
 * with ordered, non-negative coordinates inside it where its size is known.
 */
import type { StudyDetail } from '../../contract/schemas';
import type { ReviewBox } from '../../contract/reviewSchemas';
import { ServiceError } from '../dispatch';
import { labelsForStudy, vocabularyLabel, type Vocabulary } from './reviewVocabulary';

export function checkLabel(vocabulary: Vocabulary, detail: StudyDetail, label: string): string {
  const allowed = labelsForStudy(vocabulary, detail);
  const spelled = vocabularyLabel(allowed, label);
  if (spelled === null) throw new ServiceError(`label "${label}" is not in this study's vocabulary (${allowed.join(', ')})`);
  return spelled;
}

/** The boxes with corners ordered (x1 ≤ x2, y1 ≤ y2), or a ServiceError naming the bad one. */
export function checkBoxes(detail: StudyDetail, boxes: readonly ReviewBox[]): ReviewBox[] {
  const sizes = imageSizes(detail);
  return boxes.map((b, i) => {
    const size = sizes.get(b.ref);
    if (size === undefined) throw new ServiceError(`box ${i}: "${b.ref}" is not an image of this study`);
    const box = { x1: Math.min(b.x1, b.x2), y1: Math.min(b.y1, b.y2), x2: Math.max(b.x1, b.x2), y2: Math.max(b.y1, b.y2), ref: b.ref };
    const outside = box.x1 < 0 || box.y1 < 0 || (size !== null && (box.x2 > size.width || box.y2 > size.height));
    if (outside) throw new ServiceError(`box ${i} [${box.x1}, ${box.y1}, ${box.x2}, ${box.y2}] lies outside its image`);
    return box;
  });
}

/** Every box reference of the study (the same forms the model's inputs use) → image size if known. */
function imageSizes(detail: StudyDetail): Map<string, { width: number; height: number } | null> {
  const sizes = new Map<string, { width: number; height: number } | null>();
  for (const s of detail.series) {
    for (const i of s.instances) {
      const size = i.rows !== null && i.columns !== null ? { width: i.columns, height: i.rows } : null;
      for (let f = 0; f < Math.max(1, i.frames ?? 1); f++) sizes.set(`${i.sopInstanceUid}#${f}`, size);
    }
    for (const m of s.images) sizes.set(`image:${m.id}`, { width: m.width, height: m.height });
    for (const v of s.volumes) {
      // NIfTI dims are [x, y, z, …]: a slice is x columns by y rows.
      const size = v.dims.length >= 2 ? { width: v.dims[0]!, height: v.dims[1]! } : null;
      for (let z = 0; z < (v.dims[2] ?? 1); z++) sizes.set(`volume:${v.id}#${z}`, size);
    }
  }
  return sizes;
}
