// Public surface of the Qwen2-family decoder-only LM written in the graph DSL.
export { assertValidDecoderConfig, defineDecoderConfig, QWEN2_5_VL_7B_DECODER, type DecoderConfig, type DecoderDType } from './DecoderConfig.js';
export { scaledMropeSection } from './scaledMropeSection.js';
export { decoderParameterSpecs, EMBED_TOKENS, FINAL_NORM, LM_HEAD, layerParameterName, type DecoderParameterSpec, type ParameterInit } from './decoderParameterSpecs.js';
export { assertDecoderWeights, type DecoderWeights, type WeightTensor } from './DecoderWeights.js';
export { initDecoderWeights, type InitOptions } from './initDecoderWeights.js';
export * from './decoderLayout.js';
export { mropeTables } from './mropeTables.js';
export { buildEmbedTokens } from './buildEmbedTokens.js';
export { buildDecoderMerged } from './buildDecoderMerged.js';
