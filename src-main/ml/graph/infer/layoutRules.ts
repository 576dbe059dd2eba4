// Inference for ops that move data without arithmetic: Transpose, Reshape, (Un)squeeze, Concat, Expand.
import { broadcastShapes, formatShape, normAxis } from '../shapeUtils.js';
import type { Dim } from '../types.js';
import { constInts, input, intAttr, intsAttr, sameDtype, shapeOf, type InferContext, type InferRule } from './InferContext.js';

const transpose: InferRule = (ctx) => {
  const x = input(ctx, 0);
  const perm = intsAttr(ctx, 'perm') ?? x.shape.map((_, i) => x.shape.length - 1 - i);
  const sorted = [...perm].sort((p, q) => p - q);
  if (perm.length !== x.shape.length || sorted.some((p, i) => p !== i)) {
    throw new Error(`Transpose: perm [${perm.join(', ')}] is not a permutation of rank ${x.shape.length}`);
  }
  return [{ dtype: x.dtype, shape: perm.map((p) => x.shape[p] as Dim) }];
};

/** Reshape with ONNX semantics: 0 copies the input dim, -1 is inferred (allowzero = 0). */
const reshape: InferRule = (ctx) => {
  const x = input(ctx, 0);
  const target = constInts(ctx, 1);
  if (target === undefined) {
    const rank = input(ctx, 1).shape[0];
    if (typeof rank !== 'number') throw new Error('Reshape: shape input must have a fixed length');
    return [{ dtype: x.dtype, shape: Array.from({ length: rank }, (_, i) => ctx.unknownDim(0, i)) }];
  }
  if (target.filter((d) => d === -1).length > 1) throw new Error('Reshape: more than one -1 in target shape');
  const copy = (i: number): Dim => x.shape[i] ?? fail(`Reshape: 0 at axis ${i} beyond input rank`);
  const out: Dim[] = target.map((d, i) => (d === 0 ? copy(i) : d));
  const minus = out.indexOf(-1);
  if (minus >= 0) {
    const known = out.filter((d, i) => i !== minus);
    const total = product(x.shape);
    const rest = product(known);
    out[minus] = total !== undefined && rest !== undefined ? total / rest : ctx.unknownDim(0, minus);
    if (typeof out[minus] === 'number' && !Number.isInteger(out[minus])) {
      throw new Error(`Reshape: cannot reshape ${formatShape(x.shape)} to [${target.join(', ')}]`);
    }
  } else {
    const total = product(x.shape);
    const outTotal = product(out);
    if (total !== undefined && outTotal !== undefined && total !== outTotal) {
      throw new Error(`Reshape: cannot reshape ${formatShape(x.shape)} to ${formatShape(out)}`);
    }
  }
  return [{ dtype: x.dtype, shape: out }];
};

function product(shape: readonly Dim[]): number | undefined {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}

function fail(message: string): never {
  throw new Error(message);
}

function constAxes(ctx: InferContext): number[] {
  const axes = constInts(ctx, 1);
  if (axes === undefined) throw new Error(`${ctx.op}: axes must be a constant tensor`);
  return axes;
}

const unsqueeze: InferRule = (ctx) => {
  const x = input(ctx, 0);
  const rank = x.shape.length + constAxes(ctx).length;
  const axes = constAxes(ctx).map((a) => normAxis(a, rank, 'Unsqueeze'));
  const out: Dim[] = [];
  let src = 0;
  for (let i = 0; i < rank; i++) out.push(axes.includes(i) ? 1 : (x.shape[src++] as Dim));
  return [{ dtype: x.dtype, shape: out }];
};

const squeeze: InferRule = (ctx) => {
  const x = input(ctx, 0);
  const axes = constAxes(ctx).map((a) => normAxis(a, x.shape.length, 'Squeeze'));
  for (const a of axes) {
    if (x.shape[a] !== 1) throw new Error(`Squeeze: axis ${a} of ${formatShape(x.shape)} is not 1`);
  }
  return [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !axes.includes(i)) }];
};

const concat: InferRule = (ctx) => {
  const xs = ctx.inputs.map((_, i) => input(ctx, i));
  const dtype = sameDtype(ctx, xs);
  const first = xs[0] as (typeof xs)[number];
  const axis = normAxis(intAttr(ctx, 'axis'), first.shape.length, 'Concat');
  const out = shapeOf(first);
  for (const x of xs.slice(1)) {
    const pair = `${formatShape(first.shape)} vs ${formatShape(x.shape)}`;
    if (x.shape.length !== first.shape.length) throw new Error(`Concat: rank mismatch ${pair}`);
    x.shape.forEach((d, i) => {
      if (i !== axis && d !== out[i]) throw new Error(`Concat: dim ${i} differs: ${pair}`);
    });
    const a = out[axis] as Dim;
    const b = x.shape[axis] as Dim;
    // A symbolic concat length is named by its parts ('past_seq+seq'): a stable dim_param for ONNX.
    out[axis] = typeof a === 'number' && typeof b === 'number' ? a + b : (ctx.declaredDim(0, axis) ?? `${a}+${b}`);
  }
  return [{ dtype, shape: out }];
};

const expand: InferRule = (ctx) => {
  const x = input(ctx, 0);
  const target = constInts(ctx, 1);
  if (target === undefined) {
    const rank = input(ctx, 1).shape[0];
    if (typeof rank !== 'number') throw new Error('Expand: shape input must have a fixed length');
    const shape = Array.from({ length: Math.max(rank, x.shape.length) }, (_, i) => ctx.unknownDim(0, i));
    return [{ dtype: x.dtype, shape }];
  }
  return [{ dtype: x.dtype, shape: broadcastShapes(x.shape, target, 'Expand') }];
};

export const layoutRules: Record<string, InferRule> = {
  Transpose: transpose,
  Reshape: reshape,
  Unsqueeze: unsqueeze,
  Squeeze: squeeze,
  Concat: concat,
  Expand: expand,
};
