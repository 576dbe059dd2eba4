import type { GraphBuilder, Tensor } from '../../graph/index.js';
import type { DecoderWeights } from './DecoderWeights.js';
import { layerParameterName } from './decoderParameterSpecs.js';
import { declareWeight } from './declareWeight.js';

export interface Projection {
  readonly weight: Tensor; // (out, in)
  readonly bias?: Tensor; // (out)
}

/** One decoder layer's initializers as graph tensors, grouped the way the block uses them. */
export interface LayerParams {
  readonly inputNorm: Tensor; // (D)
  readonly q: Projection; // (H·Dh, D) + bias
  readonly k: Projection; // (KV·Dh, D) + bias
  readonly v: Projection; // (KV·Dh, D) + bias
  readonly o: Projection; // (D, H·Dh), no bias in Qwen2
  readonly postNorm: Tensor; // (D)
  readonly gate: Tensor; // (F, D)
  readonly up: Tensor; // (F, D)
  readonly down: Tensor; // (D, F)
}

export function declareLayerParams(g: GraphBuilder, weights: DecoderWeights, layer: number): LayerParams {
  const w = (suffix: string): Tensor => declareWeight(g, weights, layerParameterName(layer, suffix));
  const withBias = (proj: string): Projection => ({ weight: w(`self_attn.${proj}.weight`), bias: w(`self_attn.${proj}.bias`) });
  return {
    inputNorm: w('input_layernorm.weight'),
    q: withBias('q_proj'),
    k: withBias('k_proj'),
    v: withBias('v_proj'),
    o: { weight: w('self_attn.o_proj.weight') },
    postNorm: w('post_attention_layernorm.weight'),
    gate: w('mlp.gate_proj.weight'),
    up: w('mlp.up_proj.weight'),
    down: w('mlp.down_proj.weight'),
  };
}
