import type { StoppingCriterion } from './StoppingCriterion';

/**
 * Stops every row once the caller's AbortSignal fires. The loop also asks it before and after each model
 * step, so a cancel lands within one step even while a slow step is running.
 */
export class CancelStop implements StoppingCriterion {
  readonly reason = 'cancelled' as const;

  constructor(private readonly signal: AbortSignal | undefined) {}

  isDone(): boolean {
    return this.signal?.aborted ?? false;
  }
}
