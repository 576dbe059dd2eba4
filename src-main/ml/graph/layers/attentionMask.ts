import type { GraphBuilder } from '../GraphBuilder.js';
import { scalar } from '../ops/constant.js';
import { equal, less, or, sub, where } from '../ops/elementwise.js';
import { gather, range } from '../ops/indexing.js';
import { shape, unsqueeze } from '../ops/layout.js';
import type { DType, Tensor } from '../types.js';

// The most negative finite value, as HF uses: -inf would turn fully masked rows into NaN.
const MASK_VALUE: Partial<Record<DType, number>> = { float32: -3.4028234663852886e38, float64: -Number.MAX_VALUE };

/** Runtime size of axis `axis` of `x`, as an int64 scalar. */
function dimSize(g: GraphBuilder, x: Tensor, axis: number): Tensor {
  return gather(g, shape(g, x), scalar(g, axis, 'int64')); // ()
}

/**
 * Additive causal + padding mask (B, 1, S, T) for queries `hidden` (B, S, ·) against keys described by
 * `attentionMask` (B, T) int64 (1 = real token, 0 = padding). Query i sits at absolute position
 * T − S + i, so the same graph serves a prefill (S = T) and a KV-cache step (S < T).
 */
export function causalAttentionMask(g: GraphBuilder, attentionMask: Tensor, hidden: Tensor, dtype: DType): Tensor {
  const maskValue = MASK_VALUE[dtype];
  if (maskValue === undefined) throw new Error(`causalAttentionMask: dtype ${dtype} is not a float type`);
  const [keyLen, queryLen] = [attentionMask.shape[1], hidden.shape[1]];
  if (keyLen === undefined || queryLen === undefined) {
    throw new Error('causalAttentionMask: expected a (B, T) mask and (B, S, C) hidden states');
  }
  const t = dimSize(g, attentionMask, 1); // ()
  const s = dimSize(g, hidden, 1); // ()
  const zero = scalar(g, 0, 'int64');
  const one = scalar(g, 1, 'int64');
  const keyPos = range(g, zero, t, one, keyLen); // (T)
  const queryPos = range(g, sub(g, t, s), t, one, queryLen); // (S)
  const future = less(g, unsqueeze(g, queryPos, [1]), unsqueeze(g, keyPos, [0])); // (S, T)
  const padded = unsqueeze(g, equal(g, attentionMask, zero), [1, 2]); // (B, 1, 1, T)
  const blocked = or(g, future, padded); // (B, 1, S, T)
  return where(g, blocked, scalar(g, maskValue, dtype), scalar(g, 0, dtype));
}
