import { defineDecoderConfig, initDecoderWeights, type DecoderConfig } from '../../../../src-main/ml/models/decoder/index.js';
import { createTrainerState, type CreateTrainerStateOptions, type GrpoQuestion, type PromptResponse, type RewardFn, type TrainerState } from '../../../../src-main/ml/train/index.js';

// Token ids of the toy vocabulary (no tokenizer: the tasks are over ids).
export const PAD = 0;
export const BOS = 1;
export const EOS = 2;

/** vocab 32, hidden 32, 1 layer, GQA 2:1, tied embeddings: a few ms per step on one core. */
export function toyConfig(): DecoderConfig {
  return defineDecoderConfig({ vocabSize: 32, hiddenSize: 32, numLayers: 1, numHeads: 2, numKvHeads: 1, intermediateSize: 64, ropeTheta: 100, tieWordEmbeddings: true, dtype: 'float32' });
}

export function toyState(options: CreateTrainerStateOptions & { initSeed?: number } = {}): TrainerState {
  const config = toyConfig();
  return createTrainerState(config, initDecoderWeights(config, options.initSeed ?? 1), options);
}

/** SFT: after prompt [BOS, 3 + k] answer the fixed sequence [10 + k, 20 + k, 16 + k, EOS]. */
export const SFT_DATA: readonly PromptResponse[] = [0, 1, 2, 3].map((k) => ({ promptIds: [BOS, 3 + k], responseIds: [10 + k, 20 + k, 16 + k, EOS] }));

/**
 * Verifiable toy questions in two domains: prompt [BOS, 3 + k], required token 10 + k (its label).
 * Domain 'a' has three questions, 'b' one: DRPO's per-domain scaling has something to do.
 */
export const TOY_QUESTIONS: readonly GrpoQuestion[] = [0, 1, 2, 3].map((k) => ({
  id: `q${k}`,
  promptIds: [BOS, 3 + k],
  domain: k < 3 ? 'a' : 'b',
  answerLabels: [String(10 + k)],
}));

/** 1 when the response contains the label token; 0.2 for any other label-range token (10..13); else 0. */
export const toyReward: RewardFn = (question, responseIds) => {
  const label = Number(question.answerLabels[0]);
  const hit = responseIds.includes(label) ? 1 : 0;
  const near = hit === 0 && responseIds.some((id) => id >= 10 && id <= 13) ? 1 : 0;
  return { total: hit + 0.2 * near, parts: { hit, near } };
};
