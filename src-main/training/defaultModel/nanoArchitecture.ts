/**
 * Sizes of qoq-med-nano, the bundled demonstration model: every mechanism of QoQ-Med (Qwen2-VL decoder
 * with GQA and M-RoPE, the Qwen2.5-VL patch encoder with window attention and 2×2 merger, the ECG-JEPA
 * encoder) at widths that train in well under 40 minutes on two CPU cores and ship in a few MB.
 */
import { defineDecoderConfig, type DecoderConfig } from '../../ml/models/decoder/index.js';
import type { EcgConfig } from '../../ml/models/ecg/index.js';
import type { VisionConfig } from '../../ml/models/vision/index.js';

export interface NanoArchitecture {
  readonly decoder: DecoderConfig;
  readonly vision: VisionConfig;
  readonly ecg: EcgConfig;
}

/** Patch 14 × merge 2: smart_resize's rounding unit. */
export const NANO_PIXEL_UNIT = 28;

/** The decoder's vocabulary is the trained tokenizer's; both encoders project into its hidden size. */
export function nanoArchitecture(vocabSize: number): NanoArchitecture {
  const decoder = defineDecoderConfig({
    vocabSize,
    hiddenSize: 128,
    numLayers: 4,
    numHeads: 4, // head dim 32 → M-RoPE sections scaled from the 7B's [16, 24, 24]
    numKvHeads: 2,
    intermediateSize: 352, // ≈ 8/3 · hidden, as SwiGLU models size it
    rmsNormEps: 1e-6,
    ropeTheta: 10_000,
    tieWordEmbeddings: true, // one (V, D) table: fewer parameters to learn from 10⁴ examples
    dtype: 'float32',
  });
  const vision: VisionConfig = {
    patchSize: 14,
    temporalPatchSize: 2,
    inChannels: 3,
    hiddenSize: 64,
    depth: 2,
    numHeads: 4,
    intermediateSize: 128,
    spatialMergeSize: 2,
    outHiddenSize: decoder.hiddenSize,
    windowSize: 112,
    fullAttentionBlocks: [1],
    ropeTheta: 10_000,
    rmsNormEps: 1e-6,
    dtype: 'float32',
  };
  const ecg: EcgConfig = {
    leads: 8,
    samples: 2500,
    patchSize: 50,
    dim: 32,
    depth: 2,
    numHeads: 2,
    mlpRatio: 2,
    qkvBias: false,
    layerNormEps: 1e-5,
    outHiddenSize: decoder.hiddenSize,
    dtype: 'float32',
  };
  return { decoder, vision, ecg };
}
