import { and, div, equal, scalar, unsqueeze, where, type GraphBuilder, type Tensor } from '../../graph/index.js';
import type { PatchCoordinates } from './patchCoordinates.js';

export interface VisionAttentionMasks {
  /** (N, N) additive: 0 inside the same frame (Qwen's cu_seqlens: one segment per frame). */
  readonly full: Tensor;
  /** (N, N) additive: 0 inside the same frame AND the same window. */
  readonly window: Tensor;
}

// The most negative finite value: -inf would turn a fully masked row into NaN (none exist here, but
// the same convention as the DSL's causal mask keeps the two interchangeable).
const MASK_VALUE = { float32: -3.4028234663852886e38, float64: -Number.MAX_VALUE } as const;

/**
 * Both masks Qwen2.5-VL needs, as additive (N, N) tensors. Qwen reorders tokens window by window and
 * attends per cu_window_seqlens segment; masking in place is equivalent (attention is permutation
 * equivariant given each token keeps its own rotary angle) and needs no reorder and un-reorder.
 * Windows are `windowSide`×`windowSide` patches from each frame's top-left corner, as Qwen's padding
 * of the merge-unit grid to a multiple of the window places them.
 */
export function visionAttentionMasks(g: GraphBuilder, coords: PatchCoordinates, windowSide: number, dtype: 'float32' | 'float64'): VisionAttentionMasks {
  const same = (key: Tensor) => equal(g, unsqueeze(g, key, [1]), unsqueeze(g, key, [0])); // (N, N)
  const side = scalar(g, windowSide, 'int64');
  const sameFrame = same(coords.frame);
  const sameWindow = and(g, and(g, sameFrame, same(div(g, coords.row, side))), same(div(g, coords.col, side)));
  const additive = (allowed: Tensor) => where(g, allowed, scalar(g, 0, dtype), scalar(g, MASK_VALUE[dtype], dtype));
  return { full: additive(sameFrame), window: additive(sameWindow) };
}
