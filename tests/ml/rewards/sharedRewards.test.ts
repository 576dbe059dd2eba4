// The review panel's F1 and IoU ARE the trainer's reward functions (issue 7: "the same functions the
// trainer rewards with"): the very same function objects, not copies, and they agree on a sample.
import { describe, expect, it } from 'vitest';
import * as trainerRewards from '../../../src-main/ml/rewards';
import * as uiMetrics from '../../../src-renderer/src/ai/reviewMetrics';
import * as shared from '../../../src-shared/rewards';
import { normaliseLabel } from '../../../src-main/ml/protocol/normaliseLabel';

describe('rewards shared by the trainer and the review panel', () => {
  it('are the same function objects', () => {
    expect(uiMetrics.f1Score).toBe(trainerRewards.f1Score);
    expect(uiMetrics.iouScore).toBe(trainerRewards.iouScore);
    expect(shared.f1Score).toBe(trainerRewards.f1Score);
    expect(shared.iouScore).toBe(trainerRewards.iouScore);
    expect(normaliseLabel).toBe(shared.normaliseLabel);
  });

  it('score the panel’s numbers exactly as the reward does', () => {
    const truth = { source: 'sidecar' as const, labels: ['melanoma'], boxes: [{ x1: 46, y1: 76, x2: 181, y2: 183, ref: 'image:1', label: 'melanoma' }], maskRefs: [] };
    expect(uiMetrics.studyLabelF1(['Melanoma', 'nevus'], truth)).toBe(trainerRewards.f1Score(['Melanoma', 'nevus'], ['melanoma']));
    expect(uiMetrics.studyLabelF1(['Melanoma', 'nevus'], truth)).toBeCloseTo(2 / 3, 12);
    const box = { x1: 40, y1: 70, x2: 180, y2: 180, ref: 'image:1' };
    expect(uiMetrics.boxIou(box, truth.boxes)).toBe(trainerRewards.iouScore([[40, 70, 180, 180]], { box: [46, 76, 181, 183] }));
    expect(uiMetrics.boxIou({ ...box, ref: 'image:2' }, truth.boxes)).toBeNull();
    // The whole-response reward's IoU part is the same number for a one-box answer.
    const reward = trainerRewards.computeReward('```json\n[{"bbox_2d":[40,70,180,180],"label":"melanoma"}]\n```\\boxed{melanoma}', { answer: ['melanoma'], box: [46, 76, 181, 183] });
    expect(reward.iou).toBe(uiMetrics.boxIou(box, truth.boxes));
    expect(reward.f1).toBe(uiMetrics.studyLabelF1(['melanoma'], truth));
  });

  it('scores against the mask when the image has one, as the reward does', () => {
    const data = new Uint8Array(16 * 16);
    for (let y = 4; y < 8; y++) for (let x = 4; x < 12; x++) data[y * 16 + x] = 1; // 8 × 4 lesion
    const mask = { width: 16, height: 16, data };
    const truth = [{ x1: 4, y1: 4, x2: 11, y2: 7, ref: 'image:1' }];
    const box = { x1: 4, y1: 4, x2: 7, y2: 7, ref: 'image:1' };
    const viaUi = uiMetrics.boxIou(box, truth, new Map([['image:1', mask]]));
    expect(viaUi).toBe(trainerRewards.iouScore([[4, 4, 7, 7]], { mask, box: [4, 4, 11, 7] }));
    expect(viaUi).toBe(0.5);
  });
});
