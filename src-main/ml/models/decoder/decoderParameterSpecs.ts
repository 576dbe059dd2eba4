import type { DecoderConfig } from './DecoderConfig.js';

/** How a parameter starts in a fresh model (HF Qwen2's `_init_weights`: normal matrices, zero biases, unit norms). */
export type ParameterInit = 'normal' | 'zeros' | 'ones';

/** One parameter of the decoder: its Hugging Face name, its HF shape, and how it is initialised. */
export interface DecoderParameterSpec {
  readonly name: string;
  /** Row-major, exactly as in a Hugging Face checkpoint: Linear weights are (out, in). */
  readonly dims: readonly number[];
  readonly init: ParameterInit;
}

export const EMBED_TOKENS = 'model.embed_tokens.weight';
export const FINAL_NORM = 'model.norm.weight';
export const LM_HEAD = 'lm_head.weight';

/** `model.layers.{i}.{suffix}`, e.g. layerParameterName(0, 'self_attn.q_proj.bias'). */
export function layerParameterName(layer: number, suffix: string): string {
  return `model.layers.${layer}.${suffix}`;
}

/**
 * Every parameter of the language model, in checkpoint order. `lm_head.weight` is absent when the
 * embeddings are tied, as in tied HF checkpoints. Qwen2 has biases on q/k/v only.
 */
export function decoderParameterSpecs(c: DecoderConfig): DecoderParameterSpec[] {
  const [d, f] = [c.hiddenSize, c.intermediateSize];
  const [qWidth, kvWidth] = [c.numHeads * c.headDim, c.numKvHeads * c.headDim];
  const specs: DecoderParameterSpec[] = [{ name: EMBED_TOKENS, dims: [c.vocabSize, d], init: 'normal' }];
  for (let i = 0; i < c.numLayers; i++) {
    const p = (suffix: string, dims: number[], init: ParameterInit): void => {
      specs.push({ name: layerParameterName(i, suffix), dims, init });
    };
    p('input_layernorm.weight', [d], 'ones');
    p('self_attn.q_proj.weight', [qWidth, d], 'normal');
    p('self_attn.q_proj.bias', [qWidth], 'zeros');
    p('self_attn.k_proj.weight', [kvWidth, d], 'normal');
    p('self_attn.k_proj.bias', [kvWidth], 'zeros');
    p('self_attn.v_proj.weight', [kvWidth, d], 'normal');
    p('self_attn.v_proj.bias', [kvWidth], 'zeros');
    p('self_attn.o_proj.weight', [d, qWidth], 'normal');
    p('post_attention_layernorm.weight', [d], 'ones');
    p('mlp.gate_proj.weight', [f, d], 'normal');
    p('mlp.up_proj.weight', [f, d], 'normal');
    p('mlp.down_proj.weight', [d, f], 'normal');
  }
  specs.push({ name: FINAL_NORM, dims: [d], init: 'ones' });
  if (!c.tieWordEmbeddings) specs.push({ name: LM_HEAD, dims: [c.vocabSize, d], init: 'normal' });
  return specs;
}
