// Public API of the loss subgraphs appended to model graphs (forward only; ml/autodiff differentiates
// them). Every builder takes the GraphBuilder first and returns tensors of static shape; losses are
// rank-0 scalars to MINIMISE.
export { appendTokenLogProbs, TARGET_IDS, TOKEN_LOG_PROBS, type AppendedTokenLogProbs, type AppendTokenLogProbsOptions } from './appendTokenLogProbs.js';
export { grpoObjective, QOQ_MED_KL_COEF, type GrpoObjectiveInputs, type GrpoObjectiveOutputs } from './grpoObjective.js';
export { tokenKl, LOW_VAR_KL_BOUND, LOW_VAR_KL_LOG_RATIO_BOUND, type KlEstimator } from './klEstimators.js';
export { klPenalty, type KlPenaltyInputs } from './klPenalty.js';
export { maskedMean, MASKED_MEAN_EPS } from './maskedMean.js';
export { clamp, maximum, minimum } from './minMax.js';
export { DEFAULT_LOG_RATIO_BOUND, policyLoss, type PolicyLossInputs, type PolicyLossOutputs } from './policyLoss.js';
export { sftLoss } from './sftLoss.js';
export { tokenLogProbs, type TokenLogProbOptions } from './tokenLogProbs.js';
