// Backward rules for reductions and the normalised exponentials over one axis.
import type { Tensor } from '../../graph/index.js';
import { staticShape } from '../GradEmitter.js';
import { axisOf, constInts, input, intAttr, intsAttr, output, type GradContext, type GradientRule } from './GradientRule.js';

/** Reduced axes (normalised) and dy reshaped to keepdims form, ready to broadcast against x. */
function keptGrad(ctx: GradContext, axesFrom: 'attr' | 'input'): { axes: number[]; dyKept: Tensor; xShape: number[] } {
  const xShape = staticShape(input(ctx, 0));
  const raw = (axesFrom === 'attr' ? intsAttr(ctx, 'axes') : constInts(ctx, 1)) ?? xShape.map((_, i) => i);
  const axes = raw.map((a) => axisOf(a, xShape.length));
  const keptShape = xShape.map((d, i) => (axes.includes(i) ? 1 : d));
  // keepdims = 0 dropped the axes; putting them back as 1s is a pure reshape.
  const dyKept = intAttr(ctx, 'keepdims', 1) === 1 ? ctx.dy : ctx.em.reshape(ctx.dy, keptShape);
  return { axes, dyKept, xShape };
}

export const reduceGrads: Record<string, GradientRule> = {
  // y = Σ_axes x:  ∂x = broadcast(dy) over the reduced axes
  ReduceSum: (ctx) => {
    const { dyKept, xShape } = keptGrad(ctx, 'input');
    return [ctx.em.expand(dyKept, xShape), undefined];
  },

  // y = mean_axes x = Σ x / n:  ∂x = broadcast(dy) / n   (scaled before the broadcast: fewer elements)
  ReduceMean: (ctx) => {
    const { axes, dyKept, xShape } = keptGrad(ctx, 'attr');
    const n = axes.reduce((p, a) => p * (xShape[a] as number), 1);
    return [ctx.em.expand(ctx.em.scale(dyKept, 1 / n), xShape)];
  },

  // y = max_axes x:  ∂x = broadcast(dy) · [x = y] / #{x = y}
  // Ties share the gradient equally (PyTorch's amax convention), so ∂x sums to dy either way.
  ReduceMax: (ctx) => {
    const { em } = ctx;
    const { axes, dyKept, xShape } = keptGrad(ctx, 'attr');
    const x = input(ctx, 0);
    const yKept = intAttr(ctx, 'keepdims', 1) === 1 ? output(ctx) : em.reshape(output(ctx), xShape.map((d, i) => (axes.includes(i) ? 1 : d)));
    const mask = em.cast(em.op('Equal', [x, yKept]), x.dtype);
    const count = em.reduceSum(mask, axes, true);
    return [em.mul(mask, em.div(dyKept, count))];
  },

  // y = softmax(x) on axis:  ∂x = y · (dy − Σ_axis(dy · y))
  Softmax: (ctx) => {
    const { em, dy } = ctx;
    const y = output(ctx);
    const axis = axisOf(intAttr(ctx, 'axis', -1), y.shape.length);
    const dot = em.reduceSum(em.mul(dy, y), [axis], true);
    return [em.mul(y, em.sub(dy, dot))];
  },

  // y = x − logΣexp(x) on axis:  ∂x = dy − softmax(x) · Σ_axis dy,  softmax(x) = eʸ
  LogSoftmax: (ctx) => {
    const { em, dy } = ctx;
    const y = output(ctx);
    const axis = axisOf(intAttr(ctx, 'axis', -1), y.shape.length);
    const total = em.reduceSum(dy, [axis], true);
    return [em.sub(dy, em.mul(em.op('Exp', [y]), total))];
  },
};
