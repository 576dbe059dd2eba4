// Ops that rearrange data: transpose, reshape, (un)squeeze, concat, expand, shape.
import type { GraphBuilder } from '../GraphBuilder.js';
import { formatShape } from '../shapeUtils.js';
import type { Dim, Shape, Tensor } from '../types.js';
import { int64s } from './constant.js';

export function transpose(g: GraphBuilder, x: Tensor, perm: readonly number[]): Tensor {
  return g.apply('Transpose', [x], { perm: { type: 'ints', value: [...perm] } });
}

/**
 * Reshape to `target`. Numbers are literal sizes (-1 = inferred); a symbolic name must either equal the
 * input's dim at the same axis (emitted as ONNX 0 = "copy") or be the single inferred dim (emitted as
 * -1, and the name becomes the output's dim). For anything else pass a runtime int64 shape tensor and
 * the declared output shape.
 */
export function reshape(g: GraphBuilder, x: Tensor, target: Shape | Tensor, declared?: Shape): Tensor {
  if (!Array.isArray(target)) return g.apply('Reshape', [x, target as Tensor], {}, { shapes: [declared] });
  const dims = target as readonly Dim[];
  const emitted = dims.map((d, i) => (typeof d === 'number' ? d : d === x.shape[i] ? 0 : -1));
  if (emitted.filter((d) => d === -1).length > 1) {
    throw new Error(`reshape ${formatShape(x.shape)} → ${formatShape(dims)}: more than one dim to infer`);
  }
  return g.apply('Reshape', [x, int64s(g, emitted)], {}, { shapes: [dims] });
}

/** Inserts size-1 axes (opset 13+ form: axes as an int64 input). */
export function unsqueeze(g: GraphBuilder, x: Tensor, axes: readonly number[]): Tensor {
  return g.apply('Unsqueeze', [x, int64s(g, axes)]);
}

export function squeeze(g: GraphBuilder, x: Tensor, axes: readonly number[]): Tensor {
  return g.apply('Squeeze', [x, int64s(g, axes)]);
}

/** Joins along `axis`. A symbolic joined length is named 'a+b' unless `declared` names it (e.g. 'total_seq'). */
export function concat(g: GraphBuilder, xs: readonly Tensor[], axis: number, declared?: Shape): Tensor {
  return g.apply('Concat', xs, { axis: { type: 'int', value: axis } }, { shapes: [declared] });
}

/** Broadcast to `target` (numpy rules: 1 in `target` keeps the input's dim), or to a runtime shape tensor. */
export function expand(g: GraphBuilder, x: Tensor, target: readonly number[] | Tensor, declared?: Shape): Tensor {
  const shape = Array.isArray(target) ? int64s(g, target as readonly number[]) : (target as Tensor);
  return g.apply('Expand', [x, shape], {}, { shapes: [declared] });
}

/** The runtime shape of `x` as int64, optionally the slice [start, end) of its dims. */
export function shape(g: GraphBuilder, x: Tensor, start?: number, end?: number): Tensor {
  return g.apply('Shape', [x], {
    ...(start === undefined ? {} : { start: { type: 'int', value: start } }),
    ...(end === undefined ? {} : { end: { type: 'int', value: end } }),
  });
}
