// KL to the frozen reference policy as a loss term (QoQ-Med reference §5; verl's use_kl_loss):
//   KL = token-mean over the response mask of tokenKl(logπ_θ, logπ_ref)   (see klEstimators.ts)
// Sign convention: ≥ 0 on average; the objective ADDS klCoef·KL, so minimising it pulls π_θ toward π_ref.
import type { GraphBuilder, Tensor } from '../graph/index.js';
import { assertRank, assertSameFloat } from './lossChecks.js';
import { maskedMean } from './maskedMean.js';
import { tokenKl, type KlEstimator } from './klEstimators.js';

export interface KlPenaltyInputs {
  /** (B, S) log π_θ of the sampled tokens (differentiated). */
  readonly logProbs: Tensor;
  /** (B, S) log π_ref of the same tokens from the frozen reference model (a constant input). */
  readonly refLogProbs: Tensor;
  /** (B, S) 1 = response token. */
  readonly responseMask: Tensor;
  readonly estimator: KlEstimator;
}

/** Scalar masked token-mean KL estimate. */
export function klPenalty(g: GraphBuilder, inputs: KlPenaltyInputs): Tensor {
  const { logProbs, refLogProbs, responseMask, estimator } = inputs;
  assertSameFloat('klPenalty', [logProbs, refLogProbs, responseMask]);
  assertRank('klPenalty', logProbs, 2);
  return maskedMean(g, tokenKl(g, logProbs, refLogProbs, estimator), responseMask);
}
