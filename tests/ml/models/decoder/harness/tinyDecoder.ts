import {
  decoderParameterSpecs,
  defineDecoderConfig,
  initDecoderWeights,
  type DecoderConfig,
  type DecoderDType,
  type DecoderWeights,
  type WeightTensor,
} from '../../../../../src-main/ml/models/decoder/index.js';
import { seededRandom } from '../../../graph/reference/rng.js';

/**
 * The test model: every size small but every mechanism present (GQA 4:2, two layers, three M-RoPE
 * sections [1, 1, 2]). θ = 100 instead of 10⁶ so even the slowest h/w frequencies turn by a visible
 * angle over a dozen positions; with 10⁶ a wrong section split would change almost nothing.
 */
export function tinyConfig(dtype: DecoderDType, tieWordEmbeddings = false): DecoderConfig {
  return defineDecoderConfig({
    vocabSize: 64,
    hiddenSize: 32,
    numLayers: 2,
    numHeads: 4,
    numKvHeads: 2,
    intermediateSize: 48,
    ropeTheta: 100,
    tieWordEmbeddings,
    dtype,
  });
}

/**
 * Seeded weights with biases and norm scales made non-trivial: HF's init (zero biases, unit norms)
 * would let a mis-wired bias or norm weight pass unnoticed. std 0.25 keeps attention peaked.
 */
export function tinyWeights(config: DecoderConfig, seed = 1): DecoderWeights {
  const base = initDecoderWeights(config, seed, { std: 0.25 });
  const rand = seededRandom(seed + 1000);
  const out: Record<string, WeightTensor> = { ...base };
  for (const spec of decoderParameterSpecs(config)) {
    const w = base[spec.name];
    if (!w || spec.init === 'normal') continue;
    const data = w.data.map((v) => v + (spec.init === 'ones' ? 0.4 : 0.2) * (rand() - 0.5));
    out[spec.name] = { dims: w.dims, data };
  }
  return out;
}
