import { createDrpoState, drpoAdvantages, grpoAdvantages, type DomainStats, type DrpoOptions } from '../advantages/index.js';
import type { Rollout } from './Rollout.js';
import type { TrainerState } from './TrainerState.js';

/**
 * Sets each rollout's advantage (reference §4): GRPO within each question, or DRPO on top of it with
 * the run's persistent per-domain history (created on first use, then saved with every checkpoint).
 * Returns DRPO's per-domain statistics (empty for GRPO).
 */
export function assignAdvantages(state: TrainerState, rollouts: Rollout[], kind: 'grpo' | 'drpo', drpoOptions: DrpoOptions = {}): DomainStats[] {
  // A step never holds a question twice (questions are drawn without replacement), so ids are groups.
  const questionIds = rollouts.map((r) => r.question.id);
  const rewards = rollouts.map((r) => r.reward);
  if (kind === 'grpo') {
    grpoAdvantages(rewards, questionIds).forEach((a, i) => ((rollouts[i] as Rollout).advantage = a));
    return [];
  }
  state.drpo ??= createDrpoState({ seed: state.seed });
  const result = drpoAdvantages(state.drpo, { questionIds, domains: rollouts.map((r) => r.question.domain), rewards }, drpoOptions);
  result.advantages.forEach((a, i) => ((rollouts[i] as Rollout).advantage = a));
  return result.perDomain;
}
