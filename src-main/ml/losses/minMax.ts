// Elementwise max / min / clamp from Where + Greater/Less. The DSL has no Max/Min/Clip op and the
// autodiff only needs Where's rule (gradient routed to the selected branch, 0 to the other), so
// these stay differentiable without new op rules.
import { greater, less, scalar, where, type GraphBuilder, type Tensor } from '../graph/index.js';

/**
 * max(a, b), broadcasting. On a tie `a` is selected, so callers pass the branch that should receive
 * the gradient at a tie first (PPO: the unclipped term, whose gradient is the true one inside the
 * clip range).
 */
export function maximum(g: GraphBuilder, a: Tensor, b: Tensor): Tensor {
  return where(g, greater(g, b, a), b, a);
}

/** min(a, b), broadcasting; on a tie `a` is selected (see maximum). */
export function minimum(g: GraphBuilder, a: Tensor, b: Tensor): Tensor {
  return where(g, less(g, b, a), b, a);
}

/**
 * clamp(x, lo, hi) with scalar bounds, like torch.clamp: values outside get the bound (and zero
 * gradient), values inside pass through with gradient 1.
 */
export function clamp(g: GraphBuilder, x: Tensor, lo: number, hi: number): Tensor {
  if (!(lo <= hi)) throw new Error(`clamp: lower bound ${lo} exceeds upper bound ${hi}`);
  const low = scalar(g, lo, x.dtype);
  const high = scalar(g, hi, x.dtype);
  return where(g, less(g, x, low), low, where(g, greater(g, x, high), high, x));
}
