import type { GraphBuilder } from '../GraphBuilder.js';
import type { Tensor } from '../types.js';
import { int64s } from './constant.js';

const keep = (keepdims: boolean) => ({ type: 'int', value: keepdims ? 1 : 0 }) as const;

// Opset 17 is mid-migration: ReduceSum takes axes as an input, ReduceMean/ReduceMax as an attribute.
export function reduceMean(g: GraphBuilder, x: Tensor, axes: readonly number[], keepdims = true): Tensor {
  return g.apply('ReduceMean', [x], { axes: { type: 'ints', value: [...axes] }, keepdims: keep(keepdims) });
}

export function reduceMax(g: GraphBuilder, x: Tensor, axes: readonly number[], keepdims = true): Tensor {
  return g.apply('ReduceMax', [x], { axes: { type: 'ints', value: [...axes] }, keepdims: keep(keepdims) });
}

export function reduceSum(g: GraphBuilder, x: Tensor, axes: readonly number[], keepdims = true): Tensor {
  return g.apply('ReduceSum', [x, int64s(g, axes)], { keepdims: keep(keepdims) });
}

export function softmax(g: GraphBuilder, x: Tensor, axis = -1): Tensor {
  return g.apply('Softmax', [x], { axis: { type: 'int', value: axis } });
}

export function logSoftmax(g: GraphBuilder, x: Tensor, axis = -1): Tensor {
  return g.apply('LogSoftmax', [x], { axis: { type: 'int', value: axis } });
}
