/** Why a row stopped: it produced an end-of-sequence id, hit max new tokens, or the caller cancelled. */
export type FinishReason = 'eos' | 'length' | 'cancelled';

/**
 * A rule that ends a row (after transformers.js `StoppingCriteria`). Checked for every row after each of
 * its new tokens; the first criterion in the list that fires names the finish reason.
 */
export interface StoppingCriterion {
  readonly reason: FinishReason;
  /** @param generated this row's new tokens so far, the latest last */
  isDone(generated: readonly number[]): boolean;
}

/** The reason of the first criterion that fires, or null to keep going. */
export function firstStopReason(criteria: readonly StoppingCriterion[], generated: readonly number[]): FinishReason | null {
  for (const criterion of criteria) if (criterion.isDone(generated)) return criterion.reason;
  return null;
}
