// Token-mean aggregation over the response mask ("token-mean" loss_agg_mode of verl/EasyR1):
//   mean = Σ_{b,t} x[b,t]·m[b,t] / (Σ_{b,t} m[b,t] + ε),   ε = 1e-8
// Every response token of the batch weighs the same, whatever its sequence's length. ε is the
// reference trainer's: an all-padding batch gives 0 instead of NaN, and in float32 Σm + 1e-8 rounds
// back to Σm for any Σm ≥ 1, so real batches get the exact mean.
import { add, div, greater, mul, reduceSum, scalar, where, type GraphBuilder, type Tensor } from '../graph/index.js';
import { assertSameFloat } from './lossChecks.js';

export const MASKED_MEAN_EPS = 1e-8;

/**
 * Masked mean of `x` over all its axes → a scalar (rank 0). `mask` has x's shape and dtype (1 = response
 * token, 0 = prompt or padding). Masked positions are zeroed by Where rather than only multiplied by
 * 0, so a non-finite value there (a padding token's log-prob, an overflowed ratio) cannot turn the
 * sum into NaN (0·inf = NaN).
 */
export function maskedMean(g: GraphBuilder, x: Tensor, mask: Tensor): Tensor {
  const dtype = assertSameFloat('maskedMean', [x, mask]);
  const axes = x.shape.map((_, i) => i);
  const zero = scalar(g, 0, dtype);
  const kept = where(g, greater(g, mask, zero), mul(g, x, mask), zero); // x's shape
  const total = reduceSum(g, kept, axes, false); // ()
  const count = add(g, reduceSum(g, mask, axes, false), scalar(g, MASKED_MEAN_EPS, dtype)); // ()
  return div(g, total, count); // ()
}
