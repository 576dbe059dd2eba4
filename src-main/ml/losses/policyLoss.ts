// PPO-style clipped policy loss of GRPO/DRPO (QoQ-Med reference §5, verl/EasyR1 compute_policy_loss).
// Per response token, with ρ = exp(logπ_θ − logπ_old):
//   l₁ = −A·ρ,  l₂ = −A·clip(ρ, 1 − ε_low, 1 + ε_high),  l = max(l₁, l₂)
//   dual clip (A < 0 only, constant c > 1):  l = min(max(l₁, l₂), −A·c)
//   loss = token-mean of l over the response mask.
// Sign conventions: `loss` is MINIMISED (it is the negated surrogate objective), so A > 0 pushes
// logπ_θ of that token up. `approxKl` = token-mean of (logπ_old − logπ_θ): the k1 estimate of
// KL(π_old ‖ π_θ) on tokens sampled from π_old, positive on average as π_θ drifts (verl's ppo_kl).
import { cast, exp, greater, less, and, mul, neg, scalar, sub, unsqueeze, where, type GraphBuilder, type Tensor } from '../graph/index.js';
import { assertFinite, assertRank, assertSameFloat } from './lossChecks.js';
import { maskedMean } from './maskedMean.js';
import { clamp, maximum, minimum } from './minMax.js';

/**
 * The reference trainer clamps logπ_θ − logπ_old to ±20 before exp: ρ stays ≤ e²⁰ ≈ 4.9e8, so an
 * off-policy outlier cannot overflow to inf (and its backward to NaN). Inside ±20 nothing changes.
 */
export const DEFAULT_LOG_RATIO_BOUND = 20;

export interface PolicyLossInputs {
  /** (B, S) log π_θ of the sampled tokens: the tensor the gradient flows through. */
  readonly logProbs: Tensor;
  /** (B, S) log π_old of the same tokens, recorded by the rollout policy (a constant input). */
  readonly oldLogProbs: Tensor;
  /** (B) one advantage per response (GRPO/DRPO), broadcast over its tokens; or (B, S) per token. */
  readonly advantages: Tensor;
  /** (B, S) 1 = response token, 0 = prompt / padding. */
  readonly responseMask: Tensor;
  /** ε_low: ρ is clipped from below at 1 − ε_low (0 ≤ ε_low < 1). */
  readonly clipLow: number;
  /** ε_high: ρ is clipped from above at 1 + ε_high (≥ 0; DAPO-style "clip-higher" when > ε_low). */
  readonly clipHigh: number;
  /** Dual-clip constant c > 1 (verl's clip_ratio_c, typically 3): caps the loss of A < 0 tokens at −A·c. */
  readonly dualClip?: number;
  /** |logπ_θ − logπ_old| bound before exp; default DEFAULT_LOG_RATIO_BOUND. */
  readonly logRatioBound?: number;
}

export interface PolicyLossOutputs {
  /** Scalar loss to minimise. */
  readonly loss: Tensor;
  /** Scalar share of response tokens where the clipped term won (l₂ > l₁): the clip took the gradient away. */
  readonly clipFraction: Tensor;
  /** Scalar share of response tokens capped by the dual clip (A < 0 and max(l₁, l₂) > −A·c); only with dualClip. */
  readonly dualClipFraction?: Tensor;
  /** Scalar token-mean of logπ_old − logπ_θ (metric; see header). */
  readonly approxKl: Tensor;
}

export function policyLoss(g: GraphBuilder, inputs: PolicyLossInputs): PolicyLossOutputs {
  const who = 'policyLoss';
  const { logProbs, oldLogProbs, responseMask, clipLow, clipHigh, dualClip } = inputs;
  const dtype = assertSameFloat(who, [logProbs, oldLogProbs, responseMask]);
  assertRank(who, logProbs, 2);
  assertClipSettings(who, inputs);
  const advantages = perTokenAdvantages(who, g, inputs.advantages, logProbs); // (B, S) or (B, 1)
  const bound = inputs.logRatioBound ?? DEFAULT_LOG_RATIO_BOUND;

  const logRatio = clamp(g, sub(g, logProbs, oldLogProbs), -bound, bound); // (B, S)
  const ratio = exp(g, logRatio); // (B, S)
  const negA = neg(g, advantages); // −A
  const unclipped = mul(g, negA, ratio); // l₁ (B, S)
  const clipped = mul(g, negA, clamp(g, ratio, 1 - clipLow, 1 + clipHigh)); // l₂ (B, S)
  // l₁ first: at a tie (ρ inside the range) the gradient flows through the unclipped ratio.
  const pessimistic = maximum(g, unclipped, clipped); // (B, S)
  // The fractions count bools cast to 0/1, so they average exactly like the loss does.
  const clipFraction = maskedMean(g, cast(g, greater(g, clipped, unclipped), dtype), responseMask);
  const approxKl = maskedMean(g, neg(g, logRatio), responseMask);

  if (dualClip === undefined) return { loss: maskedMean(g, pessimistic, responseMask), clipFraction, approxKl };

  const cap = mul(g, negA, scalar(g, dualClip, dtype)); // −A·c, positive where A < 0
  const negative = less(g, advantages, scalar(g, 0, dtype)); // A < 0
  const perToken = where(g, negative, minimum(g, pessimistic, cap), pessimistic); // (B, S)
  const capped = and(g, greater(g, pessimistic, cap), negative);
  return {
    loss: maskedMean(g, perToken, responseMask),
    clipFraction,
    dualClipFraction: maskedMean(g, cast(g, capped, dtype), responseMask),
    approxKl,
  };
}

function assertClipSettings(who: string, inputs: PolicyLossInputs): void {
  const { clipLow, clipHigh, dualClip, logRatioBound } = inputs;
  assertFinite(who, 'clipLow', clipLow);
  assertFinite(who, 'clipHigh', clipHigh);
  // ε_low ≥ 1 would let clip(ρ) reach 0 or below, which is no longer a trust region.
  if (!(clipLow >= 0 && clipLow < 1)) throw new Error(`${who}: clipLow must be in [0, 1), got ${clipLow}`);
  if (!(clipHigh >= 0)) throw new Error(`${who}: clipHigh must be ≥ 0, got ${clipHigh}`);
  // c ≤ 1 would cap below the PPO loss itself at ρ = 1 and reverse the update (verl asserts c > 1 too).
  if (dualClip !== undefined && !(Number.isFinite(dualClip) && dualClip > 1)) throw new Error(`${who}: dualClip must be > 1, got ${dualClip}`);
  if (logRatioBound !== undefined && !(logRatioBound > 0)) throw new Error(`${who}: logRatioBound must be > 0, got ${logRatioBound}`);
}

/** (B) advantages become (B, 1) so they broadcast over the tokens; (B, S) ones are used as given. */
function perTokenAdvantages(who: string, g: GraphBuilder, advantages: Tensor, logProbs: Tensor): Tensor {
  if (advantages.dtype !== logProbs.dtype) throw new Error(`${who}: advantages are ${advantages.dtype}, log-probs ${logProbs.dtype}`);
  const [b, s] = logProbs.shape;
  if (advantages.shape.length === 1 && advantages.shape[0] === b) return unsqueeze(g, advantages, [1]); // (B, 1)
  if (advantages.shape.length === 2 && advantages.shape[0] === b && advantages.shape[1] === s) return advantages; // (B, S)
  throw new Error(`${who}: advantages must be (B) or (B, S) = (${b}) or (${b}, ${s}), got [${advantages.shape.join(', ')}]`);
}
