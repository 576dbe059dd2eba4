import { add, rmsNorm, swiglu, type GraphBuilder, type Tensor } from '../../graph/index.js';
import type { DecoderConfig } from './DecoderConfig.js';
import type { LayerParams } from './declareLayerParams.js';
import { linearOutIn } from '../../graph/index.js';
import { selfAttention, type AttentionInputs } from './selfAttention.js';

export interface LayerOutputs {
  readonly hidden: Tensor; // (B, S, D)
  readonly presentKey: Tensor; // (B, KV, T, Dh)
  readonly presentValue: Tensor; // (B, KV, T, Dh)
}

/**
 * One pre-norm Qwen2 block: h = x + attn(norm(x)), then h + mlp(norm(h)) with the SwiGLU MLP.
 * `inputs.x` is the residual stream (B, S, D); the other inputs go to the attention unchanged.
 */
export function decoderLayer(g: GraphBuilder, c: DecoderConfig, p: LayerParams, inputs: AttentionInputs): LayerOutputs {
  const x = inputs.x; // (B, S, D)
  const attn = selfAttention(g, c, p, { ...inputs, x: rmsNorm(g, x, p.inputNorm, c.rmsNormEps) });
  const h = add(g, x, attn.out); // (B, S, D)
  const m = rmsNorm(g, h, p.postNorm, c.rmsNormEps); // (B, S, D)
  const act = swiglu(g, linearOutIn(g, m, p.gate), linearOutIn(g, m, p.up)); // (B, S, F)
  const hidden = add(g, h, linearOutIn(g, act, p.down)); // (B, S, D)
  return { hidden, presentKey: attn.presentKey, presentValue: attn.presentValue };
}
