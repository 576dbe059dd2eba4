import { createDrpoState } from './DrpoState';
import { drpoAdvantages } from './drpoAdvantages';
import type { GroupId } from './grpoAdvantages';

/** One training step: parallel arrays with one entry per sampled response. */
export interface AdvantageStepInput {
  question: GroupId[];
  domain: string[];
  reward: number[];
}

export interface AdvantageStepsOutput {
  grpo: number[][]; // per step, per response
  drpo: number[][];
}

/**
 * GRPO and DRPO advantages for a sequence of steps with default settings (seed 0, K_max 10, ε 1e-6,
 * full DRPO, unlimited history). One DRPO state runs through all steps, so history carries over exactly
 * as in training. This is what `qoq advantages --in FILE.json` prints.
 */
export function advantagesForSteps(input: { steps: readonly AdvantageStepInput[] }): AdvantageStepsOutput {
  const state = createDrpoState();
  const out: AdvantageStepsOutput = { grpo: [], drpo: [] };
  for (const step of input.steps) {
    const result = drpoAdvantages(state, { questionIds: step.question, domains: step.domain, rewards: step.reward });
    out.grpo.push(result.grpo);
    out.drpo.push(result.advantages);
  }
  return out;
}
