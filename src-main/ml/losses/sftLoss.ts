// Supervised fine-tuning loss on the response only:
//   L_SFT = Σ_{b,t} m[b,t]·(−logp[b,t]) / (Σ m + ε)
// Sign convention: a loss to MINIMISE (≥ 0); −logp is the token cross-entropy.
import { neg, type GraphBuilder, type Tensor } from '../graph/index.js';
import { maskedMean } from './maskedMean.js';
import { tokenLogProbs, type TokenLogProbOptions } from './tokenLogProbs.js';

/**
 * Masked token-mean cross-entropy of `targetIds` under `logits` (B, S, V); `responseMask` (B, S) in
 * the logits' dtype, 1 on response tokens (the prompt, padding and image tokens are not trained on).
 * Returns a scalar.
 */
export function sftLoss(
  g: GraphBuilder,
  logits: Tensor,
  targetIds: Tensor,
  responseMask: Tensor,
  options: TokenLogProbOptions = {},
): Tensor {
  return maskedMean(g, neg(g, tokenLogProbs(g, logits, targetIds, options)), responseMask);
}
