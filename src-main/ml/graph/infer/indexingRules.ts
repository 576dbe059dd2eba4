// Inference for ops that select or create index-like data: Slice, Gather, Shape, Range, Trilu, Constant, MatMul.
import { broadcastShapes, formatShape, normAxis } from '../shapeUtils.js';
import type { Dim } from '../types.js';
import { constInts, constNumbers, input, intAttr, requireDtype, sameDtype, shapeOf, type InferRule } from './InferContext.js';

const slice: InferRule = (ctx) => {
  const x = input(ctx, 0);
  const starts = constInts(ctx, 1);
  const ends = constInts(ctx, 2);
  const axes = constInts(ctx, 3) ?? starts?.map((_, i) => i);
  const steps = constInts(ctx, 4) ?? starts?.map(() => 1);
  const out = shapeOf(x);
  if (starts === undefined || ends === undefined || axes === undefined || steps === undefined) {
    // Runtime bounds: only the rank is known statically.
    return [{ dtype: x.dtype, shape: out.map((_, i) => ctx.unknownDim(0, i)) }];
  }
  axes.forEach((rawAxis, k) => {
    const axis = normAxis(rawAxis, x.shape.length, 'Slice');
    const dim = x.shape[axis] as Dim;
    const [start, end, step] = [starts[k] as number, ends[k] as number, steps[k] as number];
    if (step === 0) throw new Error('Slice: step 0');
    if (typeof dim === 'string') {
      // 0..INT64_MAX with step 1 keeps a symbolic dim; anything else needs the caller's declared size.
      const wholeDim = start === 0 && end >= 2 ** 53 - 1 && step === 1;
      out[axis] = wholeDim ? dim : ctx.unknownDim(0, axis);
      return;
    }
    const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
    const s = step > 0 ? clamp(start, 0, dim) : clamp(start, -1, dim - 1);
    const e = step > 0 ? clamp(end, 0, dim) : clamp(end, -1, dim - 1);
    out[axis] = Math.max(0, Math.ceil((e - s) / step));
  });
  return [{ dtype: x.dtype, shape: out }];
};

const gather: InferRule = (ctx) => {
  const data = input(ctx, 0);
  const indices = input(ctx, 1);
  requireDtype(ctx, indices, ['int64', 'int32']);
  const axis = normAxis(intAttr(ctx, 'axis', 0), data.shape.length, 'Gather');
  const shape = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  return [{ dtype: data.dtype, shape }];
};

const shape: InferRule = (ctx) => {
  const rank = input(ctx, 0).shape.length;
  // Shape-15 start/end: negative counts from the back, then clamp to [0, rank].
  const bound = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  const [start, end] = [bound(intAttr(ctx, 'start', 0)), bound(intAttr(ctx, 'end', rank))];
  return [{ dtype: 'int64', shape: [Math.max(0, end - start)] }];
};

const range: InferRule = (ctx) => {
  const dtype = sameDtype(ctx, [input(ctx, 0), input(ctx, 1), input(ctx, 2)]);
  const [start, limit, delta] = [0, 1, 2].map((i) => constNumbers(ctx, i)?.[0]);
  if (start === undefined || limit === undefined || delta === undefined) return [{ dtype, shape: [ctx.unknownDim(0, 0)] }];
  return [{ dtype, shape: [Math.max(0, Math.ceil((limit - start) / delta))] }];
};

const trilu: InferRule = (ctx) => {
  const x = input(ctx, 0);
  if (x.shape.length < 2) throw new Error(`Trilu: input ${formatShape(x.shape)} needs rank >= 2`);
  return [{ dtype: x.dtype, shape: shapeOf(x) }];
};

const constant: InferRule = (ctx) => {
  const value = ctx.attrs.value;
  if (value?.type !== 'tensor') throw new Error('Constant: needs a tensor-valued "value" attribute');
  return [{ dtype: value.value.dtype, shape: [...value.value.dims] }];
};

/** Batched MatMul (numpy matmul semantics for rank >= 2): batch dims broadcast, inner dims must agree. */
const matmul: InferRule = (ctx) => {
  const a = input(ctx, 0);
  const b = input(ctx, 1);
  const dtype = sameDtype(ctx, [a, b]);
  const pair = `${formatShape(a.shape)} x ${formatShape(b.shape)}`;
  if (a.shape.length < 2 || b.shape.length < 2) throw new Error(`MatMul: operands must have rank >= 2, got ${pair}`);
  const k1 = a.shape[a.shape.length - 1] as Dim;
  const k2 = b.shape[b.shape.length - 2] as Dim;
  // A fixed size against a symbolic one is accepted (bound at run time); two different names are not.
  if (k1 !== k2 && typeof k1 === typeof k2) throw new Error(`MatMul: inner dims differ: ${pair}`);
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'MatMul');
  return [{ dtype, shape: [...batch, a.shape[a.shape.length - 2] as Dim, b.shape[b.shape.length - 1] as Dim] }];
};

export const indexingRules: Record<string, InferRule> = {
  Slice: slice,
  Gather: gather,
  Shape: shape,
  Range: range,
  Trilu: trilu,
  Constant: constant,
  MatMul: matmul,
};
