import { defineDecoderConfig, type DecoderConfig } from '../models/decoder/index.js';
import type { EcgConfig } from '../models/ecg/index.js';
import type { VisionConfig } from '../models/vision/index.js';

/**
 * Default sizes of the random test model: every mechanism of the real one present (GQA 4:2, two
 * decoder layers, M-RoPE sections, one windowed and one full-attention vision block, the real 8 × 2500
 * ECG grid) but widths tiny, so a whole analyse runs in milliseconds on two CPU cores.
 */
export const TINY_DECODER: Omit<DecoderConfig, 'vocabSize' | 'headDim' | 'mropeSection'> = {
  hiddenSize: 32,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  intermediateSize: 64,
  rmsNormEps: 1e-6,
  ropeTheta: 10_000,
  tieWordEmbeddings: false,
  dtype: 'float32',
};

export const TINY_VISION: Omit<VisionConfig, 'outHiddenSize'> = {
  patchSize: 14,
  temporalPatchSize: 2,
  inChannels: 3,
  hiddenSize: 16,
  depth: 2,
  numHeads: 2,
  intermediateSize: 32,
  spatialMergeSize: 2,
  windowSize: 56,
  fullAttentionBlocks: [1],
  ropeTheta: 10_000,
  rmsNormEps: 1e-6,
  dtype: 'float32',
};

export const TINY_ECG: Omit<EcgConfig, 'outHiddenSize'> = {
  leads: 8,
  samples: 2500,
  patchSize: 50,
  dim: 16,
  depth: 2,
  numHeads: 2,
  mlpRatio: 2,
  qkvBias: false,
  layerNormEps: 1e-5,
  dtype: 'float32',
};

export interface TinyArchitecture {
  readonly decoder: DecoderConfig;
  readonly vision: VisionConfig;
  readonly ecg: EcgConfig;
}

/**
 * The three configs with the caller's overrides. The couplings are forced, not overridable: the decoder
 * vocabulary is the tokenizer's, and both encoders project into the decoder's hidden size.
 */
export function tinyArchitecture(
  vocabSize: number,
  overrides: { decoder?: Partial<DecoderConfig>; vision?: Partial<VisionConfig>; ecg?: Partial<EcgConfig> },
): TinyArchitecture {
  if (overrides.decoder?.vocabSize !== undefined && overrides.decoder.vocabSize !== vocabSize) {
    throw new Error(`tinyArchitecture: decoder.vocabSize must be the tokenizer's ${vocabSize}, got ${overrides.decoder.vocabSize}`);
  }
  const decoder = defineDecoderConfig({ ...TINY_DECODER, ...overrides.decoder, vocabSize });
  const out = decoder.hiddenSize;
  for (const [name, o] of [['vision', overrides.vision], ['ecg', overrides.ecg]] as const) {
    if (o?.outHiddenSize !== undefined && o.outHiddenSize !== out) {
      throw new Error(`tinyArchitecture: ${name}.outHiddenSize must be the decoder hidden size ${out}, got ${o.outHiddenSize}`);
    }
  }
  return {
    decoder,
    vision: { ...TINY_VISION, ...overrides.vision, outHiddenSize: out },
    ecg: { ...TINY_ECG, ...overrides.ecg, outHiddenSize: out },
  };
}
