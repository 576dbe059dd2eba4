import type { GrpoQuestion } from './GrpoQuestion.js';

/** One sampled response with everything the update needs about it. */
export interface Rollout {
  readonly question: GrpoQuestion;
  readonly promptIds: readonly number[];
  readonly responseIds: readonly number[];
  readonly reward: number;
  readonly parts: Readonly<Record<string, number>>;
  advantage: number; // set once the step's advantages are known
}
