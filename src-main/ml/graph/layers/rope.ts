import type { GraphBuilder } from '../GraphBuilder.js';
import { allocate } from '../dtype.js';
import { constant } from '../ops/constant.js';
import { add, cast, cos, mul, neg, sin } from '../ops/elementwise.js';
import { SLICE_END, slice } from '../ops/indexing.js';
import { concat, unsqueeze } from '../ops/layout.js';
import type { DType, Tensor } from '../types.js';

export interface RopeTables {
  readonly cos: Tensor; // (B, S, D)
  readonly sin: Tensor; // (B, S, D)
}

/**
 * cos/sin tables for rotate-half RoPE from integer positions (B, S). Kept apart from `applyRope` so
 * M-RoPE (Qwen2-VL: [3, B, S] positions, sectioned frequencies) can supply its own tables.
 */
export function ropeTables(g: GraphBuilder, positionIds: Tensor, headDim: number, theta: number, dtype: DType): RopeTables {
  if (headDim % 2 !== 0) throw new Error(`RoPE: head dim ${headDim} must be even`);
  const half = headDim / 2;
  const invFreq = allocate(dtype, half);
  // Computed in float64 here so the table is exact to the model dtype; HF computes it the same way.
  for (let i = 0; i < half; i++) invFreq[i] = 1 / theta ** ((2 * i) / headDim);
  const freqTable = constant(g, { dtype, dims: [half], data: invFreq }); // (D/2)
  const pos = unsqueeze(g, cast(g, positionIds, dtype), [-1]); // (B, S, 1)
  const freqs = mul(g, pos, freqTable); // (B, S, D/2)
  const emb = concat(g, [freqs, freqs], -1); // (B, S, D)
  return { cos: cos(g, emb), sin: sin(g, emb) };
}

/** (x1, x2) → (−x2, x1) over the two halves of the last axis. */
export function rotateHalf(g: GraphBuilder, x: Tensor): Tensor {
  const last = x.shape.length - 1;
  const d = x.shape[last];
  if (typeof d !== 'number') throw new Error('rotateHalf: head dim must be fixed');
  const x1 = slice(g, x, { starts: [0], ends: [d / 2], axes: [last] });
  const x2 = slice(g, x, { starts: [d / 2], ends: [SLICE_END], axes: [last] });
  return concat(g, [neg(g, x2), x1], last);
}

/** Rotates queries or keys x (B, H, S, D) by positions' angles: x·cos + rotateHalf(x)·sin. */
export function applyRope(g: GraphBuilder, x: Tensor, tables: RopeTables): Tensor {
  const c = unsqueeze(g, tables.cos, [1]); // (B, 1, S, D)
  const s = unsqueeze(g, tables.sin, [1]); // (B, 1, S, D)
  return add(g, mul(g, x, c), mul(g, rotateHalf(g, x), s));
}
