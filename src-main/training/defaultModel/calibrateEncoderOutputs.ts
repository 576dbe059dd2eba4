/**
 * The data-dependent step of the nano recipe's otherwise frozen encoders: measure each encoder's output
 * features on the training split, then fold a per-feature standardisation into its final linear layer
 * (the vision patch merger's last Linear, the ECG projection). The graphs — and so the runtime — are
 * unchanged; only those two layers' weights move. See standardizeOutputLayer for why.
 */
import type { Weights } from '../../ml/models/vision/index.js';
import { FeatureStatsAccumulator, type FeatureStats } from './featureStats.js';
import { standardizeOutputLayer } from './standardizeOutputLayer.js';


/** The final linear layer of each encoder (weight (out, in), bias (out)). */
export const VISION_OUTPUT_LAYER = { weight: 'visual.merger.mlp.2.weight', bias: 'visual.merger.mlp.2.bias' } as const;
export const ECG_OUTPUT_LAYER = { weight: 'ecg_projection.weight', bias: 'ecg_projection.bias' } as const;

/** A prompt as preparePrompt returns it: token ids and (S, D) embeddings with the features at their pads. */
export interface PromptEmbeds {
  readonly tokenIds: readonly number[];
  readonly embeds: Float32Array;
}

/** Collects the image-pad rows and the ECG-pad rows of prepared prompts, one accumulator each. */
export class EncoderOutputStats {
  readonly vision: FeatureStatsAccumulator;
  readonly ecg: FeatureStatsAccumulator;

  constructor(
    readonly hidden: number,
    private readonly pads: { readonly imagePad: number; readonly timeSeriesPad: number },
  ) {
    this.vision = new FeatureStatsAccumulator(hidden);
    this.ecg = new FeatureStatsAccumulator(hidden);
  }

  add(prompt: PromptEmbeds): void {
    const { hidden } = this;
    if (prompt.embeds.length !== prompt.tokenIds.length * hidden) throw new Error(`EncoderOutputStats: ${prompt.embeds.length} values for ${prompt.tokenIds.length} tokens × ${hidden}`);
    prompt.tokenIds.forEach((id, t) => {
      const row = prompt.embeds.subarray(t * hidden, (t + 1) * hidden);
      if (id === this.pads.imagePad) this.vision.add(row);
      // An ECG slot without a recording is a zero row the encoder never produced: not a feature.
      else if (id === this.pads.timeSeriesPad && row.some((v) => v !== 0)) this.ecg.add(row);
    });
  }
}

export interface CalibratedEncoders {
  readonly vision: Weights;
  readonly ecg: Weights;
  /** The measured statistics, for the build log. */
  readonly stats: { readonly vision: FeatureStats; readonly ecg: FeatureStats };
}

/**
 * Standardised output layers for both encoders; each keeps its overall feature size (the target spread
 * is the rms its features had), so the decoder's inputs stay on the scale they had before.
 */
export function calibrateEncoderOutputs(vision: Weights, ecg: Weights, collected: EncoderOutputStats): CalibratedEncoders {
  const stats = { vision: collected.vision.result(), ecg: collected.ecg.result() };
  return {
    vision: standardizeOutputLayer(vision, VISION_OUTPUT_LAYER.weight, VISION_OUTPUT_LAYER.bias, stats.vision, stats.vision.rms),
    ecg: standardizeOutputLayer(ecg, ECG_OUTPUT_LAYER.weight, ECG_OUTPUT_LAYER.bias, stats.ecg, stats.ecg.rms),
    stats,
  };
}
