import type { GenerationConfig } from './GenerationConfig';
import { greedy } from './greedy';
import { Sampler } from './Sampler';

/** Chooses one id from one processed row of logits. */
export type TokenPicker = (logits: Float32Array) => number;

/** The picker for batch row `row`: greedy, or a sampler on its own stream (seed, row). */
export function createTokenPicker(config: GenerationConfig, row: number): TokenPicker {
  if (!config.doSample) return greedy;
  const sampler = new Sampler(config.seed, row);
  return (logits) => sampler.sample(logits);
}
