import {
  add, mergeHeads, scaledDotProductAttention, slice, splitHeads, type GraphBuilder, type Tensor,
} from '../../graph/index.js';
import { addWeight } from '../vision/addWeight.js';
import { gelu } from '../vision/gelu.js';
import type { Weights } from '../vision/initParams.js';
import { linearOutIn } from '../../graph/index.js';
import { ecgMlpWidth, type EcgConfig } from './EcgConfig.js';
import { layerNorm } from './layerNorm.js';

const prefix = (index: number) => `ecg_encoder.encoder_blocks.blocks.${index}`;

/** Block `index`'s masked multi-head self-attention on already normalised h (B, N, D) → (B, N, D). */
export function ecgSelfAttention(g: GraphBuilder, cfg: EcgConfig, weights: Weights, index: number, h: Tensor, mask: Tensor): Tensor {
  const { dim: d, numHeads: heads, dtype } = cfg;
  const w = (name: string, dims: readonly number[]) => addWeight(g, weights, `${prefix(index)}.${name}`, dims, dtype);
  const qkvBias = cfg.qkvBias ? w('attn.qkv.bias', [3 * d]) : undefined;
  const qkv = linearOutIn(g, h, w('attn.qkv.weight', [3 * d, d]), qkvBias); // (B, N, 3D)
  // timm reshapes qkv to (B, N, 3, H, Dh): q, k, v are the three consecutive D-wide column blocks.
  const part = (k: number) => splitHeads(g, slice(g, qkv, { starts: [k * d], ends: [(k + 1) * d], axes: [2] }), heads); // (B, H, N, Dh)
  const attn = mergeHeads(g, scaledDotProductAttention(g, part(0), part(1), part(2), { mask })); // (B, N, D)
  return linearOutIn(g, attn, w('attn.proj.weight', [d, d]), w('attn.proj.bias', [d])); // (B, N, D)
}

/** One ECG-JEPA block (timm ViT): x + attn(LN(x)), then + fc2(GELU(fc1(LN(·)))). x (B, N, D). */
export function ecgBlock(g: GraphBuilder, cfg: EcgConfig, weights: Weights, index: number, x: Tensor, mask: Tensor): Tensor {
  const { dim: d, dtype, layerNormEps: eps } = cfg;
  const f = ecgMlpWidth(cfg);
  const w = (name: string, dims: readonly number[]) => addWeight(g, weights, `${prefix(index)}.${name}`, dims, dtype);
  const h = layerNorm(g, x, w('norm1.weight', [d]), w('norm1.bias', [d]), eps); // (B, N, D)
  const x1 = add(g, x, ecgSelfAttention(g, cfg, weights, index, h, mask)); // (B, N, D)
  const m = layerNorm(g, x1, w('norm2.weight', [d]), w('norm2.bias', [d]), eps); // (B, N, D)
  const hidden = gelu(g, linearOutIn(g, m, w('mlp.fc1.weight', [f, d]), w('mlp.fc1.bias', [f]))); // (B, N, F)
  return add(g, x1, linearOutIn(g, hidden, w('mlp.fc2.weight', [d, f]), w('mlp.fc2.bias', [d])));
}
