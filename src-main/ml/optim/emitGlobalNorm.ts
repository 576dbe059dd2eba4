import type { Tensor } from '../graph/index.js';
import { staticShape, type GradEmitter } from '../autodiff/index.js';

/** ‖g‖₂ over all gradients together: √(Σₚ Σᵢ gₚᵢ²), a float scalar. */
export function emitGlobalNorm(em: GradEmitter, grads: readonly Tensor[]): Tensor {
  const sums = grads.map((g) => {
    const squares = em.mul(g, g);
    return em.reduceSum(squares, staticShape(g).map((_, i) => i), false); // ()
  });
  const first = sums[0];
  if (first === undefined) throw new Error('emitGlobalNorm: no gradients');
  return em.op('Sqrt', [sums.slice(1).reduce((acc, s) => em.add(acc, s), first)]);
}

/**
 * Clip-by-global-norm factor min(1, maxNorm / (‖g‖ + 1e-6)) (torch.nn.utils.clip_grad_norm_). The
 * DSL has no Min op, so the min is a Where on the comparison.
 */
export function emitClipScale(em: GradEmitter, norm: Tensor, maxNorm: number): Tensor {
  const ratio = em.div(em.scalar(maxNorm, norm.dtype), em.add(norm, em.scalar(1e-6, norm.dtype)));
  const one = em.scalar(1, norm.dtype);
  return em.op('Where', [em.op('Less', [ratio, one]), ratio, one]);
}
