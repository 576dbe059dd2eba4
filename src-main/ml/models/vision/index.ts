// Public surface of the Qwen2.5-VL vision encoder: config, patch layout, weights, graph.
export { QWEN25_VL_7B_VISION, checkVisionConfig, patchVectorLength, visionHeadDim, windowPatches, type VisionConfig } from './VisionConfig.js';
export { patchOrder, visionTokenCount } from './patchOrder.js';
export { initParams, type ParamInit, type ParamSpec, type Weights } from './initParams.js';
export { visionParamSpecs } from './visionParamSpecs.js';
export { initVisionWeights } from './initVisionWeights.js';
export { buildVisionEncoder, VISION_ENCODER_IO } from './buildVisionEncoder.js';
