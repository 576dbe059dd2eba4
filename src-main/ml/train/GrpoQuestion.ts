import type { GroundTruthRegion } from '../rewards/index.js';
import type { MultimodalSample } from './multimodalSample.js';

/**
 * The prompt half of a MultimodalSample (M-RoPE positions, rope delta, encoder rows at their pads): a
 * question that carries it is sampled and trained on exactly as the runtime would prefill it.
 */
export type PromptMedia = Pick<MultimodalSample, 'promptPositions' | 'ropeDelta' | 'mediaPositions' | 'mediaRows'>;

/** One training question: a tokenised prompt and what a response is scored against. */
export interface GrpoQuestion {
  readonly id: string;
  readonly promptIds: readonly number[];
  /** Dataset / modality (notes §1): DRPO keeps its reward statistics per domain. */
  readonly domain: string;
  readonly answerLabels: readonly string[];
  /** Ground-truth box or mask for the IoU reward, in the model's pixel grid. */
  readonly region?: GroundTruthRegion;
  /** Images / ECG of the prompt, prepared once (frozen encoders); absent for a text-only question. */
  readonly media?: PromptMedia;
}

/** A reward and, optionally, its named parts (logged as per-part means). */
export interface RewardResult {
  readonly total: number;
  readonly parts?: Readonly<Record<string, number>>;
}

/** Scores one sampled response (token ids, eos included) to a question. Must be deterministic. */
export type RewardFn = (question: GrpoQuestion, responseIds: readonly number[]) => number | RewardResult;

export const asRewardResult = (r: number | RewardResult): RewardResult => (typeof r === 'number' ? { total: r } : r);
