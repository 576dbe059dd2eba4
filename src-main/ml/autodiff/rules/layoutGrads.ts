// Backward rules for ops that only move data: each gradient is the inverse movement of dy.
import { staticShape } from '../GradEmitter.js';
import { axisOf, input, intAttr, intsAttr, type GradientRule } from './GradientRule.js';

/** ∂x = dy reshaped to x's shape: the adjoint of every pure re-indexing that keeps element order. */
const reshapeBack: GradientRule = (ctx) => [ctx.em.reshape(ctx.dy, staticShape(input(ctx, 0)))];

export const layoutGrads: Record<string, GradientRule> = {
  // y = transpose(x, perm):  ∂x = transpose(dy, perm⁻¹)
  Transpose: (ctx) => {
    const rank = input(ctx, 0).shape.length;
    const perm = intsAttr(ctx, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    const inverse = new Array<number>(rank);
    perm.forEach((p, i) => (inverse[p] = i));
    return [ctx.em.transpose(ctx.dy, inverse), undefined];
  },

  // y = reshape(x):  ∂x = reshape(dy, shape(x)); the shape input has no gradient.
  Reshape: (ctx) => [...reshapeBack(ctx), undefined],
  // Unsqueeze / Squeeze only add or drop size-1 axes, so they are reshapes too.
  Unsqueeze: (ctx) => [...reshapeBack(ctx), undefined],
  Squeeze: (ctx) => [...reshapeBack(ctx), undefined],

  // y = concat(x₀, x₁, …; axis):  ∂xᵢ = dy[…, offᵢ : offᵢ + lenᵢ, …] along the axis.
  Concat: (ctx) => {
    const rank = input(ctx, 0).shape.length;
    const axis = axisOf(intAttr(ctx, 'axis', 0), rank);
    let offset = 0;
    return ctx.inputs.map((_, i) => {
      const len = staticShape(input(ctx, i))[axis] as number;
      const start = offset;
      offset += len;
      if (!ctx.needs(i)) return undefined;
      const { em } = ctx;
      return em.op('Slice', [ctx.dy, em.ints([start]), em.ints([start + len]), em.ints([axis])]);
    });
  },

  // y = expand(x, shape):  ∂x = sum→x(dy), exactly the broadcast adjoint (GQA's repeat_kv uses it).
  Expand: (ctx) => [ctx.em.sumToShape(ctx.dy, staticShape(input(ctx, 0))), undefined],
};
