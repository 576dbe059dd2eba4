// Public surface of the ECG-JEPA encoder: config, fixed positions and mask, weights, graph.
export { ECG_JEPA_QOQ_7B, checkEcgConfig, ecgMlpWidth, ecgPatchesPerLead, ecgTokenCount, type EcgConfig } from './EcgConfig.js';
export { sincosPositions } from './sincosPositions.js';
export { leadTimeMask } from './leadTimeMask.js';
export { ecgAttentionMask } from './ecgAttentionMask.js';
export { layerNorm } from './layerNorm.js';
export { ecgBlock, ecgSelfAttention } from './ecgBlock.js';
export { ecgParamSpecs } from './ecgParamSpecs.js';
export { initEcgWeights } from './initEcgWeights.js';
export { buildEcgEncoder, ECG_ENCODER_IO } from './buildEcgEncoder.js';
