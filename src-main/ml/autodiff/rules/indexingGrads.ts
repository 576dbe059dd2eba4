// Backward rules for ops that select elements: Slice, Gather, Trilu.
import type { Tensor } from '../../graph/index.js';
import { staticShape } from '../GradEmitter.js';
import { axisOf, constInts, input, intAttr, type GradContext, type GradientRule } from './GradientRule.js';

/** Source positions Slice reads along one axis, with ONNX's clamping (negative steps included). */
export function sliceIndices(dim: number, start: number, end: number, step: number): number[] {
  if (step === 0) throw new Error('autodiff: Slice step 0');
  const wrap = (v: number): number => (v < 0 ? v + dim : v);
  const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const s = step > 0 ? clamp(wrap(start), 0, dim) : clamp(wrap(start), 0, dim - 1);
  const e = step > 0 ? clamp(wrap(end), 0, dim) : clamp(wrap(end), -1, dim - 1);
  const out: number[] = [];
  for (let i = s; step > 0 ? i < e : i > e; i += step) out.push(i);
  return out;
}

/**
 * Scatters dy back along one axis into `dim` positions: position j receives dy[k] where `picked[k]
 * = j`, zero elsewhere. Done as a Gather over [dy, 0-slab] with a constant map (unpicked → the zero
 * slab), which covers any start/end/step with ops the DSL has (it has no Pad or ScatterND).
 */
function scatterAxis(ctx: GradContext, dy: Tensor, axis: number, dim: number, picked: readonly number[]): Tensor {
  const { em } = ctx;
  const shape = staticShape(dy);
  const slab = em.expand(em.scalar(0, dy.dtype), shape.map((d, i) => (i === axis ? 1 : d)));
  const padded = em.op('Concat', [dy, slab], { axis: { type: 'int', value: axis } });
  const map = Array.from({ length: dim }, (_, j) => {
    const k = picked.indexOf(j);
    return k < 0 ? picked.length : k;
  });
  return em.op('Gather', [padded, em.ints(map)], { axis: { type: 'int', value: axis } });
}

export const indexingGrads: Record<string, GradientRule> = {
  // y = x[starts:ends:steps] on `axes`:  ∂x = dy scattered back to the picked positions, 0 elsewhere.
  // Axes are undone one at a time; each step only widens one axis, so shapes stay static.
  Slice: (ctx) => {
    const x = input(ctx, 0);
    const shape = staticShape(x);
    const starts = constInts(ctx, 1) ?? [];
    const ends = constInts(ctx, 2) ?? [];
    const axes = constInts(ctx, 3) ?? starts.map((_, i) => i);
    const steps = constInts(ctx, 4) ?? starts.map(() => 1);
    let grad = ctx.dy;
    axes.forEach((rawAxis, k) => {
      const axis = axisOf(rawAxis, shape.length);
      const dim = shape[axis] as number;
      const picked = sliceIndices(dim, starts[k] as number, ends[k] as number, steps[k] as number);
      const whole = picked.length === dim && picked.every((p, j) => p === j);
      if (!whole) grad = scatterAxis(ctx, grad, axis, dim, picked);
    });
    return [grad, undefined, undefined, undefined, undefined];
  },

  // y = gather(data, idx; axis), data (P…, V, Q…), idx (N…) → y (P…, N…, Q…):
  //   ∂data[p, v, q] = Σₙ [idx[n] = v] · dy[p, n, q]   — i.e. ∂data = onehot(idx)ᵀ · dy
  // Repeated indices accumulate because the one-hot matrix simply has several ones in a row. Chosen
  // over ScatterND(reduction=add) because the shared op table (graph/infer) has no scatter op, and a
  // (V, N)·(N, Q) GEMM is deterministic and costs the same order as the tied LM head's own backward.
  Gather: (ctx) => {
    const { em, dy } = ctx;
    const [data, idx] = [input(ctx, 0), input(ctx, 1)];
    const dShape = staticShape(data);
    const axis = axisOf(intAttr(ctx, 'axis', 0), dShape.length);
    const vocab = dShape[axis] as number;
    const n = staticShape(idx).reduce((p, d) => p * d, 1);
    const pre = dShape.slice(0, axis).reduce((p, d) => p * d, 1);
    const post = dShape.slice(axis + 1).reduce((p, d) => p * d, 1);
    // ONNX allows negative indices (counted from the end); fold them before comparing.
    const flat = em.reshape(idx, [1, n]); // (1, N)
    const zero = em.constant(idx.dtype, [0], []);
    const wrapped = em.op('Where', [em.op('Less', [flat, zero]), em.add(flat, em.constant(idx.dtype, [vocab], [])), flat]);
    const rows = em.constant(idx.dtype, Array.from({ length: vocab }, (_, v) => v), [vocab, 1]); // (V, 1)
    const oneHotT = em.cast(em.op('Equal', [rows, wrapped]), dy.dtype); // (V, N)
    const dy3 = em.reshape(dy, pre === 1 ? [n, post] : [pre, n, post]); // (P, N, Q)
    return [em.reshape(em.op('MatMul', [oneHotT, dy3]), dShape), undefined];
  },

  // y = trilu(x, k):  ∂x = trilu(dy, k) — the same triangle mask applied to the gradient.
  Trilu: (ctx) => [ctx.em.op('Trilu', [ctx.dy, ctx.inputs[1]], ctx.node.attrs), undefined],
};
