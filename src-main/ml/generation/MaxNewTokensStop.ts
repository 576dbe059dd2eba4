import type { StoppingCriterion } from './StoppingCriterion';

/** Stops a row once it has `maxNewTokens` new tokens (the prompt does not count). */
export class MaxNewTokensStop implements StoppingCriterion {
  readonly reason = 'length' as const;

  constructor(readonly maxNewTokens: number) {
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) throw new Error(`MaxNewTokensStop: need an integer >= 0, got ${maxNewTokens}`);
  }

  isDone(generated: readonly number[]): boolean {
    return generated.length >= this.maxNewTokens;
  }
}
