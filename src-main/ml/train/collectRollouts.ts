import type { GenerationConfig } from '../generation/index.js';
import { deriveSeed } from './deriveSeed.js';
import { asRewardResult, type GrpoQuestion, type RewardFn } from './GrpoQuestion.js';
import type { Rollout } from './Rollout.js';
import type { PolicySampler } from './policySampler.js';
import type { TrainerState } from './TrainerState.js';

export interface RolloutSettings {
  readonly sampler: PolicySampler; // opened on the weights of this step
  readonly G: number;
  readonly generation: Partial<GenerationConfig>; // eos / pad ids, max new tokens, temperature
  readonly rewardFn: RewardFn;
  readonly signal?: AbortSignal;
}

/**
 * G responses per question from the current policy, scored. Question q of step s samples from seed
 * deriveSeed(state.seed, s, q), row r from stream r of it: the same (seed, step, position) always
 * draws the same responses, which is what makes a resumed run repeat an interrupted one.
 * Returns null when cancelled (nothing in `state` has changed).
 */
export async function collectRollouts(state: TrainerState, step: number, questions: readonly GrpoQuestion[], settings: RolloutSettings): Promise<Rollout[] | null> {
  const rollouts: Rollout[] = [];
  for (const [q, question] of questions.entries()) {
    const generation = { ...settings.generation, numSequences: settings.G, doSample: true, seed: deriveSeed(state.seed, step, q) };
    const responses = await settings.sampler.sample(question, generation, settings.signal);
    if (responses === null) return null;
    for (const responseIds of responses.tokenIds) {
      const { total, parts } = asRewardResult(settings.rewardFn(question, responseIds));
      if (!Number.isFinite(total)) throw new Error(`reward of a response to '${question.id}' is ${total}`);
      rollouts.push({ question, promptIds: question.promptIds, responseIds, reward: total, parts: parts ?? {}, advantage: 0 });
    }
  }
  return rollouts;
}
