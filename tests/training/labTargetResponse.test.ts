/**
 * The SFT target of a lab study: boxes move from original pixels onto the grid the model answers in
 * (hand-computed scale factors), and a study without a lesion lists one whole-input object.
 */
import { describe, expect, it } from 'vitest';
import type { LabRecord } from '../../src-main/lab/index';
import { parseModelOutput } from '../../src-main/ml/protocol/parseModelOutput';
import { formatScore } from '../../src-main/ml/rewards/index';
import type { ImageInfo } from '../../src-main/ml/runtime/index.js';
import { labTargetResponse } from '../../src-main/training/defaultModel/labTargetResponse';

const record = (over: Partial<LabRecord>): LabRecord =>
  ({ id: 'x', answer: 'nodule', labels: ['nodule'], reasoning: 'A round opacity.', objects: [{ label: 'nodule', bbox_2d: [174, 124, 186, 137] }], ...over }) as LabRecord;
// A 256 × 320 original shown to the model at 224 × 280: x scales by 0.875, y by 0.875.
const image: ImageInfo = { ref: 'r', resize: { originalWidth: 256, originalHeight: 320, resizedWidth: 224, resizedHeight: 280, ref: 'r' }, gridThw: [1, 20, 16], tokens: 80 };
const ecg = { leads: 8, samples: 2500 };

describe('labTargetResponse', () => {
  it('maps lesion boxes to the resized grid (rounded), leads the trace with the impression, and keeps trace, JSON and \\boxed{} in protocol order', () => {
    const text = labTargetResponse(record({}), [image], ecg);
    // 174·0.875 = 152.25 → 152, 124·0.875 = 108.5 → 109, 186·0.875 = 162.75 → 163, 137·0.875 = 119.875 → 120
    expect(text).toBe('<think>Impression: nodule. Findings: A round opacity.</think>\n```json\n[{"label":"nodule","bbox_2d":[152,109,163,120]}]\n```\n\\boxed{nodule}');
    expect(formatScore(text)).toBe(1);
    expect(parseModelOutput(text).labels).toEqual(['nodule']);
  });

  it('gives a study without a lesion one object spanning the whole input: the image, or the ECG window', () => {
    const normal = record({ answer: 'normal', labels: ['normal'], objects: [] });
    expect(labTargetResponse(normal, [image], ecg)).toContain('[{"label":"normal","bbox_2d":[0,0,223,279]}]');
    const rhythm = record({ answer: 'atrial fibrillation', labels: ['atrial fibrillation'], objects: [] });
    const text = labTargetResponse(rhythm, [], ecg);
    expect(text).toContain('[{"label":"atrial fibrillation","bbox_2d":[0,0,2499,7]}]');
    expect(formatScore(text)).toBe(1);
  });
});
