// Backward rules for the transcendental unary ops: ∂x = dy · f′(x), with f′ written in terms of the
// forward output y where that saves recomputing f (exp, tanh, sigmoid, sqrt).
import { input, output, type GradientRule } from './GradientRule.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const unaryMathGrads: Record<string, GradientRule> = {
  // y = √x:  ∂x = dy / (2y)
  Sqrt: (ctx) => [ctx.em.div(ctx.em.scale(ctx.dy, 0.5), output(ctx))],

  // y = eˣ:  ∂x = dy · y
  Exp: (ctx) => [ctx.em.mul(ctx.dy, output(ctx))],

  // y = ln x:  ∂x = dy / x
  Log: (ctx) => [ctx.em.div(ctx.dy, input(ctx, 0))],

  // y = tanh x:  ∂x = dy · (1 − y²)
  Tanh: (ctx) => {
    const { em, dy } = ctx;
    const y = output(ctx);
    return [em.mul(dy, em.sub(em.scalar(1, y.dtype), em.mul(y, y)))];
  },

  // y = σ(x):  ∂x = dy · y · (1 − y)
  Sigmoid: (ctx) => {
    const { em, dy } = ctx;
    const y = output(ctx);
    return [em.mul(em.mul(dy, y), em.sub(em.scalar(1, y.dtype), y))];
  },

  // y = erf x:  ∂x = dy · (2/√π) · e^(−x²)   (GELU's building block)
  Erf: (ctx) => {
    const { em, dy } = ctx;
    const x = input(ctx, 0);
    const gauss = em.op('Exp', [em.neg(em.mul(x, x))]);
    return [em.mul(em.scale(dy, TWO_OVER_SQRT_PI), gauss)];
  },

  // y = cos x:  ∂x = −dy · sin x   (RoPE tables are constants in practice; kept for completeness)
  Cos: (ctx) => [ctx.em.neg(ctx.em.mul(ctx.dy, ctx.em.op('Sin', [input(ctx, 0)])))],

  // y = sin x:  ∂x = dy · cos x
  Sin: (ctx) => [ctx.em.mul(ctx.dy, ctx.em.op('Cos', [input(ctx, 0)]))],
};
