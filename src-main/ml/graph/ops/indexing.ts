// Ops that select or generate indices: slice, gather, range, trilu.
import type { GraphBuilder } from '../GraphBuilder.js';
import type { Shape, Tensor } from '../types.js';
import { int64s } from './constant.js';

/** ONNX's "to the end" sentinel for Slice ends (INT64_MAX is what exporters write). */
export const SLICE_END = Number.MAX_SAFE_INTEGER;

/** Static slice x[starts:ends:steps] along `axes`. `declared` names dims that stay symbolic. */
export function slice(
  g: GraphBuilder,
  x: Tensor,
  spec: { starts: readonly number[]; ends: readonly number[]; axes: readonly number[]; steps?: readonly number[] },
  declared?: Shape,
): Tensor {
  const steps = spec.steps ?? spec.axes.map(() => 1);
  const bounds = [spec.starts, spec.ends, spec.axes, steps].map((v) => int64s(g, v));
  return g.apply('Slice', [x, ...bounds], {}, { shapes: [declared] });
}

/** Slice with runtime int64 bounds (1-D tensors); the output shape must be declared. */
export function sliceDynamic(
  g: GraphBuilder,
  x: Tensor,
  bounds: { starts: Tensor; ends: Tensor; axes: readonly number[] },
  declared: Shape,
): Tensor {
  const { starts, ends, axes } = bounds;
  return g.apply('Slice', [x, starts, ends, int64s(g, axes)], {}, { shapes: [declared] });
}

/** Gathers slices of `data` along `axis` (axis 0 on an (V, C) table = embedding lookup → (..., C)). */
export function gather(g: GraphBuilder, data: Tensor, indices: Tensor, axis = 0): Tensor {
  return g.apply('Gather', [data, indices], { axis: { type: 'int', value: axis } });
}

/** [start, limit) by delta; scalars of one dtype. `length` names the (usually symbolic) output size. */
export function range(g: GraphBuilder, start: Tensor, limit: Tensor, delta: Tensor, length?: string | number): Tensor {
  return g.apply('Range', [start, limit, delta], {}, { shapes: [length === undefined ? undefined : [length]] });
}

/** Upper (or lower) triangle of the last two dims, shifted by diagonal offset `k`. */
export function trilu(g: GraphBuilder, x: Tensor, upper: boolean, k?: Tensor): Tensor {
  return g.apply('Trilu', k ? [x, k] : [x], { upper: { type: 'int', value: upper ? 1 : 0 } });
}
