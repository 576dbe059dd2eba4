import { computeReward, CODE_WEIGHTS, type RewardWeights } from '../rewards/index.js';
import type { RewardFn } from './GrpoQuestion.js';

/**
 * The QoQ-Med reward (notes §3) as a RewardFn: decode the response, then F1 of the \boxed{} labels,
 * IoU of the boxes, format and length, mixed by `weights` (the reference code's by default).
 * `decode` is the tokenizer's, e.g. (ids) => tokenizer.decode(ids, { skipSpecialTokens: true }).
 */
export function qoqMedRewardFn(decode: (ids: readonly number[]) => string, weights: RewardWeights = CODE_WEIGHTS): RewardFn {
  return (question, responseIds) => {
    const r = computeReward(decode(responseIds), { answer: question.answerLabels, ...question.region }, weights);
    return { total: r.total, parts: { f1: r.f1, iou: r.iou, format: r.format, length: r.length } };
  };
}
