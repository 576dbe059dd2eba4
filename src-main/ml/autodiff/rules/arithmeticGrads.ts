// Backward rules for the broadcasting binary ops and the sign/identity-like unary ops. Each rule
// sits under the math it implements; ∂ means ∂loss/∂·, dy the incoming gradient, and "sum→a" the
// adjoint of broadcasting (GradEmitter.sumToShape back to a's shape).
import { isFloat } from '../../graph/index.js';
import { staticShape } from '../GradEmitter.js';
import { input, output, type GradContext, type GradientRule } from './GradientRule.js';

/** Emits `f()` only when input `i` needs a gradient. */
const when = <T>(ctx: GradContext, i: number, f: () => T): T | undefined => (ctx.needs(i) ? f() : undefined);

export const arithmeticGrads: Record<string, GradientRule> = {
  // y = a + b:  ∂a = sum→a(dy),  ∂b = sum→b(dy)
  Add: (ctx) => {
    const [a, b] = [input(ctx, 0), input(ctx, 1)];
    return [
      when(ctx, 0, () => ctx.em.sumToShape(ctx.dy, staticShape(a))),
      when(ctx, 1, () => ctx.em.sumToShape(ctx.dy, staticShape(b))),
    ];
  },

  // y = a − b:  ∂a = sum→a(dy),  ∂b = −sum→b(dy)  (negate after the sum: fewer elements)
  Sub: (ctx) => {
    const [a, b] = [input(ctx, 0), input(ctx, 1)];
    return [
      when(ctx, 0, () => ctx.em.sumToShape(ctx.dy, staticShape(a))),
      when(ctx, 1, () => ctx.em.neg(ctx.em.sumToShape(ctx.dy, staticShape(b)))),
    ];
  },

  // y = a · b:  ∂a = sum→a(dy · b),  ∂b = sum→b(dy · a)
  // (x · x arrives as two uses of x; the sweep adds both contributions.)
  Mul: (ctx) => {
    const [a, b] = [input(ctx, 0), input(ctx, 1)];
    return [
      when(ctx, 0, () => ctx.em.sumToShape(ctx.em.mul(ctx.dy, b), staticShape(a))),
      when(ctx, 1, () => ctx.em.sumToShape(ctx.em.mul(ctx.dy, a), staticShape(b))),
    ];
  },

  // y = a / b:  ∂a = sum→a(dy / b),  ∂b = sum→b(−dy · a / b²) = −sum→b(dy · y / b)
  Div: (ctx) => {
    const [a, b, y] = [input(ctx, 0), input(ctx, 1), output(ctx)];
    const { em, dy } = ctx;
    return [
      when(ctx, 0, () => em.sumToShape(em.div(dy, b), staticShape(a))),
      when(ctx, 1, () => em.neg(em.sumToShape(em.div(em.mul(dy, y), b), staticShape(b)))),
    ];
  },

  // y = x^p:  ∂x = sum→x(dy · p · x^(p−1)),  ∂p = sum→p(dy · y · ln x)
  // The exponent is usually a constant (then `needs(1)` is false); its rule is only defined for x > 0.
  Pow: (ctx) => {
    const [x, p, y] = [input(ctx, 0), input(ctx, 1), output(ctx)];
    const { em, dy } = ctx;
    return [
      when(ctx, 0, () => {
        const pMinus1 = em.sub(p, em.scalar(1, p.dtype));
        return em.sumToShape(em.mul(dy, em.mul(p, em.op('Pow', [x, pMinus1]))), staticShape(x));
      }),
      when(ctx, 1, () => em.sumToShape(em.mul(em.mul(dy, y), em.op('Log', [x])), staticShape(p))),
    ];
  },

  // y = −x:  ∂x = −dy
  Neg: (ctx) => [ctx.em.neg(ctx.dy)],

  // y = 1/x:  ∂x = −dy · y²
  Reciprocal: (ctx) => {
    const y = output(ctx);
    return [ctx.em.neg(ctx.em.mul(ctx.dy, ctx.em.mul(y, y)))];
  },

  // y = x:  ∂x = dy
  Identity: (ctx) => [ctx.dy],

  // y = cast(x):  ∂x = cast back(dy) between float types (e.g. the float32 island around Erf in a
  // float64 graph); integer/bool inputs carry no gradient (the sweep never asks for them).
  Cast: (ctx) => {
    const x = input(ctx, 0);
    if (!isFloat(x.dtype)) return [undefined];
    return [ctx.em.cast(ctx.dy, x.dtype)];
  },

  // y = cond ? a : b:  ∂a = sum→a(cond ? dy : 0),  ∂b = sum→b(cond ? 0 : dy); the mask itself has none.
  Where: (ctx) => {
    const [cond, a, b] = [input(ctx, 0), input(ctx, 1), input(ctx, 2)];
    const { em, dy } = ctx;
    const zero = () => em.scalar(0, dy.dtype);
    return [
      undefined,
      when(ctx, 1, () => em.sumToShape(em.op('Where', [cond, dy, zero()]), staticShape(a))),
      when(ctx, 2, () => em.sumToShape(em.op('Where', [cond, zero(), dy]), staticShape(b))),
    ];
  },
};
