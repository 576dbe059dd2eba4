import { initParams, type Weights } from './initParams.js';
import type { VisionConfig } from './VisionConfig.js';
import { visionParamSpecs } from './visionParamSpecs.js';

/** Seeded vision weights of `cfg.dtype` (see initParams: for tests and smoke runs, not training). */
export function initVisionWeights(cfg: VisionConfig, seed: number): Weights {
  return initParams(visionParamSpecs(cfg), seed, cfg.dtype);
}
