import { initParams, type Weights } from '../vision/initParams.js';
import type { EcgConfig } from './EcgConfig.js';
import { ecgParamSpecs } from './ecgParamSpecs.js';

/** Seeded ECG weights of `cfg.dtype` (see initParams: for tests and smoke runs, not training). */
export function initEcgWeights(cfg: EcgConfig, seed: number): Weights {
  return initParams(ecgParamSpecs(cfg), seed, cfg.dtype);
}
