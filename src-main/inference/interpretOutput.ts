import type { AnalysisResult } from '../contract/schemas';
import type { ResizeInfo } from '../ml/preprocess/types';
import { findingsFromOutput } from '../ml/protocol/findingsFromOutput';
import { mapBoxToOriginal } from '../ml/protocol/mapBoxToOriginal';
import { parseModelOutput } from '../ml/protocol/parseModelOutput';

/**
 * Turns the model's text into what the reader reviews: the trace, the answer labels, and findings whose
 * boxes are mapped from the resized grid the model saw back to the original pixels of their image.
 *
 * Which image a box belongs to: the QoQ-Med protocol gives boxes in "the image as fed to the vision
 * encoder" and has no image index, so with several images the reference is ambiguous. Boxes are put on
 * the FIRST image (the primary series), the reading the reference's single-image training data implies.
 * With no image at all (ECG-only input) boxes have nothing to point at and are left out.
 */
export function interpretOutput(raw: string, images: readonly ResizeInfo[]): Pick<AnalysisResult, 'trace' | 'answer' | 'findings'> {
  const parsed = parseModelOutput(raw);
  const primary = images[0];
  return {
    trace: parsed.think,
    answer: parsed.labels,
    findings: findingsFromOutput(parsed).map((f) => ({
      label: f.label,
      inAnswer: f.inAnswer,
      sentences: f.sentences,
      boxes: primary
        ? f.boxes.map((b) => {
            const { originalWidth, originalHeight, resizedWidth, resizedHeight } = primary;
            const [x1, y1, x2, y2] = mapBoxToOriginal(b, { originalWidth, originalHeight, resizedWidth, resizedHeight });
            return { x1, y1, x2, y2, ref: primary.ref };
          })
        : [],
    })),
  };
}
