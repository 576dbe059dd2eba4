// Per-token estimators of KL(π_θ ‖ π_ref) on tokens sampled from the policy (Schulman, "Approximating
// KL divergence"), as the reference trainer's kl_penalty computes them. With d = logπ_ref − logπ_θ:
//   k1         = logπ_θ − logπ_ref = −d                        (unbiased, high variance, any sign)
//   low_var_kl = k3 = exp(d) − d − 1, clamped to [−10, 10]     (unbiased, ≥ 0, 0 iff equal)
// Sign convention: both estimate a divergence that a loss term ADDS (penalises drifting from π_ref).
import { exp, scalar, sub, type GraphBuilder, type Tensor } from '../graph/index.js';
import { clamp } from './minMax.js';

export type KlEstimator = 'k1' | 'low_var_kl';

/** k3's output clamp: bounds one wild token's contribution (and its gradient) to the penalty. */
export const LOW_VAR_KL_BOUND = 10;

/**
 * d is clamped to ±20 before exp, as the reference does: it cannot change the clamped k3 (|d| ≥ 20
 * already gives k3 > 10), but it keeps exp(d) finite so the backward never meets inf·0 = NaN.
 */
export const LOW_VAR_KL_LOG_RATIO_BOUND = 20;

/** (B, S) per-token KL estimate; both inputs (B, S) of one float dtype. */
export function tokenKl(g: GraphBuilder, logProbs: Tensor, refLogProbs: Tensor, estimator: KlEstimator): Tensor {
  switch (estimator) {
    case 'k1':
      return sub(g, logProbs, refLogProbs);
    case 'low_var_kl': {
      const d = clamp(g, sub(g, refLogProbs, logProbs), -LOW_VAR_KL_LOG_RATIO_BOUND, LOW_VAR_KL_LOG_RATIO_BOUND);
      const k3 = sub(g, sub(g, exp(g, d), d), scalar(g, 1, d.dtype)); // exp(d) − d − 1
      return clamp(g, k3, -LOW_VAR_KL_BOUND, LOW_VAR_KL_BOUND);
    }
  }
}
