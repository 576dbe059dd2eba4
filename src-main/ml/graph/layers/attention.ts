import type { GraphBuilder } from '../GraphBuilder.js';
import { scalar } from '../ops/constant.js';
import { add, mul } from '../ops/elementwise.js';
import { matmul } from '../ops/matmul.js';
import { softmax } from '../ops/reduce.js';
import { expand, reshape, transpose, unsqueeze } from '../ops/layout.js';
import { formatShape } from '../shapeUtils.js';
import type { Tensor } from '../types.js';

function fixed(x: Tensor, axis: number, what: string): number {
  const d = x.shape[axis];
  if (typeof d !== 'number') throw new Error(`${what} must be a fixed size, got '${String(d)}'`);
  return d;
}

/** (B, S, H·D) → (B, H, S, D). */
export function splitHeads(g: GraphBuilder, x: Tensor, heads: number): Tensor {
  const width = fixed(x, 2, 'splitHeads: hidden width');
  const [b, s] = [x.shape[0], x.shape[1]] as const;
  if (b === undefined || s === undefined || width % heads !== 0) {
    throw new Error(`splitHeads: expected (B, S, H·D) with width divisible by ${heads}, got ${formatShape(x.shape)}`);
  }
  return transpose(g, reshape(g, x, [b, s, heads, width / heads]), [0, 2, 1, 3]);
}

/** (B, H, S, D) → (B, S, H·D). */
export function mergeHeads(g: GraphBuilder, x: Tensor): Tensor {
  const t = transpose(g, x, [0, 2, 1, 3]); // (B, S, H, D)
  const [b, s] = [t.shape[0], t.shape[1]] as const;
  if (b === undefined || s === undefined) throw new Error('mergeHeads: expected rank 4');
  return reshape(g, t, [b, s, fixed(t, 2, 'heads') * fixed(t, 3, 'head dim')]);
}

/** Grouped-query attention: each of KV heads serves `nRep` query heads. (B, KV, T, D) → (B, KV·nRep, T, D). */
export function repeatKv(g: GraphBuilder, x: Tensor, nRep: number): Tensor {
  if (nRep === 1) return x;
  const [b, kv, t, d] = [x.shape[0], fixed(x, 1, 'KV heads'), x.shape[2], fixed(x, 3, 'head dim')];
  if (b === undefined || t === undefined) throw new Error('repeatKv: expected rank 4');
  const wide = expand(g, unsqueeze(g, x, [2]), [1, 1, nRep, 1, 1]); // (B, KV, nRep, T, D)
  return reshape(g, wide, [b, kv * nRep, t, d]);
}

export interface AttentionOptions {
  /** Additive mask broadcastable to (B, H, S, T), e.g. causalAttentionMask's (B, 1, S, T). */
  readonly mask?: Tensor;
  /** Default 1/√D. */
  readonly scale?: number;
}

/** softmax(q·kᵀ·scale + mask)·v with grouped-query heads. q (B, H, S, D), k/v (B, KV, T, D) → (B, H, S, D). */
export function scaledDotProductAttention(
  g: GraphBuilder,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttentionOptions = {},
): Tensor {
  const [heads, kvHeads, headDim] = [fixed(q, 1, 'query heads'), fixed(k, 1, 'KV heads'), fixed(q, 3, 'head dim')];
  if (heads % kvHeads !== 0) throw new Error(`attention: ${heads} query heads not a multiple of ${kvHeads} KV heads`);
  const nRep = heads / kvHeads;
  const keys = repeatKv(g, k, nRep); // (B, H, T, D)
  const values = repeatKv(g, v, nRep); // (B, H, T, D)
  const scale = scalar(g, options.scale ?? 1 / Math.sqrt(headDim), q.dtype);
  const scores = mul(g, matmul(g, q, transpose(g, keys, [0, 1, 3, 2])), scale); // (B, H, S, T)
  const probs = softmax(g, options.mask ? add(g, scores, options.mask) : scores, -1); // (B, H, S, T)
  return matmul(g, probs, values); // (B, H, S, D)
}
