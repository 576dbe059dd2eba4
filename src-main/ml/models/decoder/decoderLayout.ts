// Tensor and dimension names of the public Qwen2-VL ONNX layout (transformers.js / onnx-community
// `embed_tokens.onnx` + `decoder_model_merged.onnx`). Runtimes find tensors by these names, so they
// live in one place for the builders, the generation loop and the tests.

/** Symbolic dims. One name per meaning: the DSL never broadcasts two different names together. */
export const DIM = {
  // 'batch_size', as in real exports: transformers.js sizes the empty first-step cache from this name.
  batch: 'batch_size',
  seq: 'seq', // new tokens in this call
  pastSeq: 'past_seq', // tokens already in the KV cache (0 at prefill)
  totalSeq: 'total_seq', // past_seq + seq: what attention_mask and present.* span
} as const;

export const INPUT_IDS = 'input_ids';
export const INPUTS_EMBEDS = 'inputs_embeds';
export const ATTENTION_MASK = 'attention_mask';
export const POSITION_IDS = 'position_ids';
export const LOGITS = 'logits';

export const pastKeyName = (layer: number): string => `past_key_values.${layer}.key`;
export const pastValueName = (layer: number): string => `past_key_values.${layer}.value`;
export const presentKeyName = (layer: number): string => `present.${layer}.key`;
export const presentValueName = (layer: number): string => `present.${layer}.value`;

/** Inputs of decoder_model_merged in graph order. */
export function decoderInputNames(numLayers: number): string[] {
  const past = Array.from({ length: numLayers }, (_, i) => [pastKeyName(i), pastValueName(i)]).flat();
  return [INPUTS_EMBEDS, ATTENTION_MASK, POSITION_IDS, ...past];
}

/** Outputs of decoder_model_merged in graph order. */
export function decoderOutputNames(numLayers: number): string[] {
  const present = Array.from({ length: numLayers }, (_, i) => [presentKeyName(i), presentValueName(i)]).flat();
  return [LOGITS, ...present];
}
