import { applyRope, concat, mergeHeads, scaledDotProductAttention, splitHeads, type GraphBuilder, type RopeTables, type Tensor } from '../../graph/index.js';
import type { DecoderConfig } from './DecoderConfig.js';
import type { LayerParams } from './declareLayerParams.js';
import { DIM } from './decoderLayout.js';
import { linearOutIn } from '../../graph/index.js';

export interface AttentionInputs {
  readonly x: Tensor; // (B, S, D), the attention's input (the layer passes it normed)
  readonly rope: RopeTables; // (B, S, Dh) each
  readonly mask: Tensor; // (B, 1, S, T) additive causal + padding
  readonly pastKey: Tensor; // (B, KV, P, Dh)
  readonly pastValue: Tensor; // (B, KV, P, Dh)
}

export interface AttentionOutputs {
  readonly out: Tensor; // (B, S, D)
  readonly presentKey: Tensor; // (B, KV, T, Dh), T = P + S
  readonly presentValue: Tensor; // (B, KV, T, Dh)
}

/**
 * Qwen2 self-attention with a KV cache: q/k/v projections (biased), M-RoPE on q and k, the rotated new
 * keys appended to the cached ones (so the cache holds post-RoPE keys, as in HF), GQA attention, o_proj.
 */
export function selfAttention(g: GraphBuilder, c: DecoderConfig, p: LayerParams, inputs: AttentionInputs): AttentionOutputs {
  const { x, rope, mask } = inputs;
  const q = applyRope(g, splitHeads(g, linearOutIn(g, x, p.q.weight, p.q.bias), c.numHeads), rope); // (B, H, S, Dh)
  const k = applyRope(g, splitHeads(g, linearOutIn(g, x, p.k.weight, p.k.bias), c.numKvHeads), rope); // (B, KV, S, Dh)
  const v = splitHeads(g, linearOutIn(g, x, p.v.weight, p.v.bias), c.numKvHeads); // (B, KV, S, Dh)
  // Declared so the joined length is 'total_seq', the same name attention_mask carries.
  const cacheShape = [DIM.batch, c.numKvHeads, DIM.totalSeq, c.headDim];
  const presentKey = concat(g, [inputs.pastKey, k], 2, cacheShape); // (B, KV, T, Dh)
  const presentValue = concat(g, [inputs.pastValue, v], 2, cacheShape); // (B, KV, T, Dh)
  const attn = scaledDotProductAttention(g, q, presentKey, presentValue, { mask }); // (B, H, S, Dh)
  const out = linearOutIn(g, mergeHeads(g, attn), p.o.weight, p.o.bias); // (B, S, D)
  return { out, presentKey, presentValue };
}
