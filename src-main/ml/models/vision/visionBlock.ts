import {
  add, applyRope, mergeHeads, rmsNorm, scaledDotProductAttention, slice, splitHeads, swiglu,
  type GraphBuilder, type RopeTables, type Tensor,
} from '../../graph/index.js';
import { addWeight } from './addWeight.js';
import type { Weights } from './initParams.js';
import { linearOutIn } from '../../graph/index.js';
import type { VisionConfig } from './VisionConfig.js';

/**
 * One Qwen2.5-VL ViT block on x (1, N, C): pre-RMSNorm attention with a fused, biased qkv projection
 * and 2-D rotary q/k, then a pre-RMSNorm SwiGLU MLP whose three projections carry biases (unlike the
 * LLM's, which is why the DSL's bias-free swigluMlp is not used).
 */
export function visionBlock(g: GraphBuilder, cfg: VisionConfig, weights: Weights, index: number, x: Tensor, rope: RopeTables, mask: Tensor): Tensor {
  const { hiddenSize: c, intermediateSize: f, numHeads: heads, dtype } = cfg;
  const w = (name: string, dims: readonly number[]) => addWeight(g, weights, `visual.blocks.${index}.${name}`, dims, dtype);

  const h = rmsNorm(g, x, w('norm1.weight', [c]), cfg.rmsNormEps); // (1, N, C)
  const qkv = linearOutIn(g, h, w('attn.qkv.weight', [3 * c, c]), w('attn.qkv.bias', [3 * c])); // (1, N, 3C)
  // HF reshapes qkv to (N, 3, H, D): q, k, v are the three consecutive C-wide column blocks.
  const part = (k: number) => splitHeads(g, slice(g, qkv, { starts: [k * c], ends: [(k + 1) * c], axes: [2] }), heads); // (1, H, N, D)
  const q = applyRope(g, part(0), rope);
  const k = applyRope(g, part(1), rope);
  const attn = mergeHeads(g, scaledDotProductAttention(g, q, k, part(2), { mask })); // (1, N, C)
  const x1 = add(g, x, linearOutIn(g, attn, w('attn.proj.weight', [c, c]), w('attn.proj.bias', [c]))); // (1, N, C)

  const m = rmsNorm(g, x1, w('norm2.weight', [c]), cfg.rmsNormEps); // (1, N, C)
  const gate = linearOutIn(g, m, w('mlp.gate_proj.weight', [f, c]), w('mlp.gate_proj.bias', [f])); // (1, N, F)
  const up = linearOutIn(g, m, w('mlp.up_proj.weight', [f, c]), w('mlp.up_proj.bias', [f])); // (1, N, F)
  const down = linearOutIn(g, swiglu(g, gate, up), w('mlp.down_proj.weight', [c, f]), w('mlp.down_proj.bias', [c])); // (1, N, C)
  return add(g, x1, down);
}
