import { describe, expect, it } from 'vitest';
import { computeReward } from '../../../src-main/ml/rewards/computeReward';
import { CODE_WEIGHTS, PAPER_WEIGHTS } from '../../../src-main/ml/rewards/rewardWeights';

/** A response padded (inside the think block) to exactly `chars` characters. */
function response(chars: number): string {
  const head = '<think>Right lower lobe opacity. ';
  const tail =
    '</think>\n```json\n[{"bbox_2d": [5, 5, 14, 14], "label": "opacity"}]\n```\n\\boxed{Pneumonia, Effusion}';
  return head + 'x'.repeat(chars - head.length - tail.length) + tail;
}

describe('computeReward', () => {
  const text = response(450);
  const gt = { answer: 'pneumonia, edema', box: [0, 0, 9, 9] as const };

  it('the test response is 450 characters long', () => {
    expect(text.length).toBe(450);
  });

  it('every part, by hand', () => {
    const r = computeReward(text, gt);
    // F1: {pneumonia, effusion} vs {pneumonia, edema}: TP=1 FP=1 FN=1 → 0.5
    expect(r.f1).toBeCloseTo(0.5, 12);
    // IoU: [5,5,14,14] (100 px) vs [0,0,9,9] (100 px), overlap 25 → 25/175 = 1/7
    expect(r.iou).toBeCloseTo(1 / 7, 12);
    // format: 0.2 + 0.1 + 0.2 + 0.1 + 0.4·1 = 1
    expect(r.format).toBeCloseTo(1, 12);
    // length: 450/600 = 0.75
    expect(r.length).toBeCloseTo(0.75, 12);
    // code weights: 0.5·0.5 + 0.3·(1/7) + 0.1·1 + 0.1·0.75 = 0.25 + 0.0428571… + 0.1 + 0.075 = 0.4678571…
    expect(r.total).toBeCloseTo(0.4678571429, 9);
    expect(r.parsed.boxes).toEqual([{ label: 'opacity', bbox: [5, 5, 14, 14] }]);
  });

  it('paper weights: 0.6 acc, 0.2 IoU, 0.1 format, 0.1 length', () => {
    // 0.6·0.5 + 0.2·(1/7) + 0.1·1 + 0.1·0.75 = 0.3 + 0.0285714… + 0.1 + 0.075 = 0.5035714…
    expect(computeReward(text, gt, PAPER_WEIGHTS).total).toBeCloseTo(0.5035714286, 9);
  });

  it('custom weights are a setting', () => {
    // only IoU: 1·(1/7)
    expect(computeReward(text, gt, { f1: 0, iou: 1, format: 0, length: 0 }).total).toBeCloseTo(1 / 7, 12);
  });

  it('ground-truth labels may be given as a list', () => {
    expect(computeReward(text, { answer: ['Pneumonia', 'effusion'] }).f1).toBe(1);
  });

  it('a mask ground truth takes precedence over the box', () => {
    // mask = columns 5..14 × rows 5..14 of 20×20 = the predicted box exactly → IoU 1
    const data = new Uint8Array(400);
    for (let y = 5; y <= 14; y++) data.fill(1, y * 20 + 5, y * 20 + 15);
    expect(computeReward(text, { ...gt, mask: { width: 20, height: 20, data } }).iou).toBe(1);
  });

  it('no \\boxed and no JSON: only length counts', () => {
    const r = computeReward('x'.repeat(600), gt);
    // F1 0, IoU 0, format 0, length 600/600 = 1 → 0.1·1 = 0.1
    expect([r.f1, r.iou, r.format, r.length]).toEqual([0, 0, 0, 1]);
    expect(r.total).toBeCloseTo(0.1, 12);
  });

  it('the weight presets are the documented numbers', () => {
    expect(CODE_WEIGHTS).toEqual({ f1: 0.5, iou: 0.3, format: 0.1, length: 0.1 });
    expect(PAPER_WEIGHTS).toEqual({ f1: 0.6, iou: 0.2, format: 0.1, length: 0.1 });
  });
});
