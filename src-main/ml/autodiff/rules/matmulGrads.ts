// Backward rule for batched MatMul (numpy matmul semantics, rank ≥ 2, batch dims broadcast).
import { staticShape } from '../GradEmitter.js';
import { input, type GradientRule } from './GradientRule.js';

/** Swaps the last two axes of a rank-`rank` tensor. */
function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
  return perm;
}

export const matmulGrads: Record<string, GradientRule> = {
  // Y = A·B with A (…, M, K), B (…, K, N), dY (…, M, N):
  //   ∂A = sum→A(dY · Bᵀ)   (…, M, K)
  //   ∂B = sum→B(Aᵀ · dY)   (…, K, N)
  // sum→ folds the broadcast batch axes back, e.g. a shared (K, N) weight under a (B, S, K) input.
  MatMul: (ctx) => {
    const { em, dy } = ctx;
    const [a, b] = [input(ctx, 0), input(ctx, 1)];
    const [aShape, bShape] = [staticShape(a), staticShape(b)];
    return [
      ctx.needs(0) ? em.sumToShape(em.op('MatMul', [dy, em.transpose(b, swapLast(bShape.length))]), aShape) : undefined,
      ctx.needs(1) ? em.sumToShape(em.op('MatMul', [em.transpose(a, swapLast(aShape.length)), dy]), bShape) : undefined,
    ];
  },
};
