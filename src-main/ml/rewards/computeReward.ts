import { parseModelOutput } from '../protocol/parseModelOutput';
import { splitLabels, type LabelSplitMode } from '../protocol/splitLabels';
import type { ParsedOutput } from '../protocol/types';
import { f1Score } from './f1Score';
import { formatScoreOf } from './formatScore';
import { iouScore, type GroundTruthRegion } from './iouScore';
import { lengthScore } from './lengthScore';
import { CODE_WEIGHTS, type RewardWeights } from './rewardWeights';

/** One sample's ground truth. A string answer is split like the model's (the reference does the same). */
export interface RewardGroundTruth extends GroundTruthRegion {
  answer: string | readonly string[];
}

export interface RewardBreakdown {
  /** Weighted sum of the four parts. */
  total: number;
  f1: number;
  iou: number;
  format: number;
  length: number;
  /** The parse the parts came from, so the UI can draw what was scored without parsing again. */
  parsed: ParsedOutput;
}

/**
 * Reward of one sampled response (notes §3). Pure: the trainer calls it per rollout and the UI calls it
 * to show F1/IoU for a case with ground truth. Defaults to the reference code's weights.
 */
export function computeReward(
  text: string,
  gt: RewardGroundTruth,
  weights: RewardWeights = CODE_WEIGHTS,
  labelSplit: LabelSplitMode = 'first-separator',
): RewardBreakdown {
  const parsed = parseModelOutput(text, { labelSplit });
  const gtLabels = typeof gt.answer === 'string' ? splitLabels(gt.answer, labelSplit) : gt.answer;
  const f1 = f1Score(parsed.answerRaw === null ? null : parsed.labels, gtLabels);
  const iou = iouScore(parsed.boxes.map((b) => b.bbox), gt);
  const format = formatScoreOf(parsed.json);
  const length = lengthScore(typeof text === 'string' ? text : '');
  const total = weights.f1 * f1 + weights.iou * iou + weights.format * format + weights.length * length;
  return { total, f1, iou, format, length, parsed };
}
