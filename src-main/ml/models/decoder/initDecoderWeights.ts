import type { DecoderConfig } from './DecoderConfig.js';
import type { DecoderWeights, WeightTensor } from './DecoderWeights.js';
import { decoderParameterSpecs } from './decoderParameterSpecs.js';
import { normalSampler } from './normalSampler.js';

export interface InitOptions {
  /** Std of the normal matrices; HF Qwen2's initializer_range is 0.02. */
  readonly std?: number;
}

/**
 * A fresh, reproducible model: matrices ~ N(0, std²), biases 0, norm weights 1 (HF Qwen2's scheme),
 * in the config's dtype. Parameters are filled in checkpoint order from one stream, so the same seed
 * always gives the same weights.
 */
export function initDecoderWeights(config: DecoderConfig, seed: number, options: InitOptions = {}): DecoderWeights {
  const std = options.std ?? 0.02;
  const draw = normalSampler(seed);
  const weights: Record<string, WeightTensor> = {};
  for (const spec of decoderParameterSpecs(config)) {
    const size = spec.dims.reduce((n, d) => n * d, 1);
    const data = config.dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
    if (spec.init === 'ones') data.fill(1);
    else if (spec.init === 'normal') for (let i = 0; i < size; i++) data[i] = std * draw();
    weights[spec.name] = { dims: [...spec.dims], data };
  }
  return weights;
}
