import { normAxis } from '../shapeUtils.js';
import type { Dim } from '../types.js';
import { constInts, input, intAttr, intsAttr, requireDtype, shapeOf, type InferContext, type InferRule } from './InferContext.js';

/** In opset 17 ReduceSum takes axes as an input, ReduceMean/ReduceMax still as an attribute. */
function reduce(axesFrom: 'attr' | 'input'): InferRule {
  return (ctx: InferContext) => {
    const x = input(ctx, 0);
    requireDtype(ctx, x, ['float32', 'float64', 'int32', 'int64']);
    const raw = axesFrom === 'attr' ? intsAttr(ctx, 'axes') : constInts(ctx, 1);
    if (raw === undefined) throw new Error(`${ctx.op}: axes must be given (as a constant)`);
    const axes = raw.map((a) => normAxis(a, x.shape.length, ctx.op));
    const keep = intAttr(ctx, 'keepdims', 1) === 1;
    const out: Dim[] = [];
    x.shape.forEach((d, i) => {
      if (!axes.includes(i)) out.push(d);
      else if (keep) out.push(1);
    });
    return [{ dtype: x.dtype, shape: out }];
  };
}

const softmaxLike: InferRule = (ctx) => {
  const x = input(ctx, 0);
  requireDtype(ctx, x, ['float32', 'float64']);
  normAxis(intAttr(ctx, 'axis', -1), x.shape.length, ctx.op);
  return [{ dtype: x.dtype, shape: shapeOf(x) }];
};

export const reduceRules: Record<string, InferRule> = {
  ReduceMean: reduce('attr'),
  ReduceMax: reduce('attr'),
  ReduceSum: reduce('input'),
  Softmax: softmaxLike,
  LogSoftmax: softmaxLike,
};
