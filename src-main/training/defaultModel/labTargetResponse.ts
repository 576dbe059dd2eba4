/**
 * The SFT target of one lab study in the QoQ output protocol, in the coordinates the model answers in.
 * The lab writes boxes in original pixels; the protocol's boxes are pixels of the image as fed to the
 * vision encoder (notes §2), so they are mapped onto the first image's resized grid — the image
 * interpretOutput places boxes on.
 */
import type { LabRecord } from '../../lab/index';
import { mapBoxToResized, type ImageGrids } from '../../ml/protocol/mapBoxToOriginal';
import type { BBox } from '../../ml/protocol/types';
import type { ResizeInfo } from '../../ml/preprocess/types';
import type { ImageInfo } from '../../ml/runtime/index.js';

/** The ECG encoder's input window, (leads, samples): the "image" a rhythm finding spans. */
export interface EcgExtent {
  readonly leads: number;
  readonly samples: number;
}

interface TargetObject {
  label: string;
  bbox_2d: BBox;
}

/**
 * `<think>impression + reasoning</think>`, the objects as a fenced JSON list, `\boxed{answer}` — the lab's
 * own response with three changes: the impression leads the trace (impressionFirst), boxes on the model's
 * grid, and a study without a lesion (normal, a rhythm
 * diagnosis) lists one object spanning the whole input it was read from (the resized image, or the ECG
 * window as samples × leads). The reference's format reward scores an empty list 0.6, and the
 * instruction asks for every object relevant to the diagnosis — for a global finding that is the whole
 * field.
 */
export function labTargetResponse(record: LabRecord, images: readonly ImageInfo[], ecg: EcgExtent): string {
  const primary = images[0]?.resize;
  const objects: TargetObject[] = primary
    ? record.objects.map((o) => ({ label: o.label, bbox_2d: rounded(mapBoxToResized(o.bbox_2d, gridsOf(primary))) }))
    : [];
  if (objects.length === 0) {
    const whole: BBox = primary ? [0, 0, primary.resizedWidth - 1, primary.resizedHeight - 1] : [0, 0, ecg.samples - 1, ecg.leads - 1];
    objects.push({ label: record.answer, bbox_2d: whole });
  }
  return `<think>${impressionFirst(record)}</think>\n\`\`\`json\n${JSON.stringify(objects)}\n\`\`\`\n\\boxed{${record.answer}}`;
}

/**
 * The trace with the impression first, then the lab's findings — the "bottom line up front" order many
 * reporting templates use. Why the nano model is taught this order: with the impression last, every
 * finding-specific word is predictable from the text before it (teacher forcing supplies that text), so
 * only the first few words of the findings ever depend on the image, and a decoder this small learned
 * to write one domain's most frequent findings whatever it was shown (1.1.0: ECG, fundus, CT and MRI at
 * chance; asked for the label alone, the same decoder named ECG rhythms well above chance).
 */
export function impressionFirst(record: LabRecord): string {
  return `Impression: ${record.answer}. Findings: ${record.reasoning}`;
}

function rounded(box: BBox): BBox {
  return [Math.round(box[0]), Math.round(box[1]), Math.round(box[2]), Math.round(box[3])];
}

/** The two pixel grids of a resize (mapBox checks every field it is given, so the ref stays out). */
export function gridsOf(resize: ResizeInfo): ImageGrids {
  const { originalWidth, originalHeight, resizedWidth, resizedHeight } = resize;
  return { originalWidth, originalHeight, resizedWidth, resizedHeight };
}
