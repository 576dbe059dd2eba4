import { describe, expect, it } from 'vitest';
import { interpretOutput } from '../../src-main/inference/interpretOutput';

const RAW = [
  '<think>The right lower zone shows a rounded opacity. This nodule is well defined. No effusion is seen.</think>',
  '```json',
  '[{"bbox_2d": [56, 28, 112, 84], "label": "nodule"}]',
  '```',
  '\\boxed{nodule}',
].join('\n');

describe('interpretOutput', () => {
  it('maps boxes from the resized grid back to the original pixels of the first image', () => {
    // The model saw 224×112 (resized from 512×256): x scale 512/224, y scale 256/112.
    const r = interpretOutput(RAW, [{ originalWidth: 512, originalHeight: 256, resizedWidth: 224, resizedHeight: 112, ref: '1.2.3#0' }]);
    expect(r.answer).toEqual(['nodule']);
    expect(r.trace).toMatch(/^The right lower zone/);
    expect(r.findings).toHaveLength(1);
    const box = r.findings[0]!.boxes[0]!;
    expect(box.ref).toBe('1.2.3#0');
    expect(box.x1).toBeCloseTo((56 * 512) / 224, 9); // 128
    expect(box.y1).toBeCloseTo((28 * 256) / 112, 9); // 64
    expect(box.x2).toBeCloseTo((112 * 512) / 224, 9); // 256
    expect(box.y2).toBeCloseTo((84 * 256) / 112, 9); // 192
    expect(r.findings[0]!.sentences).toEqual(['This nodule is well defined.']);
  });

  it('drops boxes when there is no image, and never throws on garbage', () => {
    expect(interpretOutput(RAW, []).findings[0]!.boxes).toEqual([]);
    expect(interpretOutput('}}}\\boxed{', []).answer).toEqual([]);
  });
});
