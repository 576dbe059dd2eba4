import { DEFAULT_ECG_INPUT_SETTINGS, ecgInput, prepareImage, type EcgInput, type VisionInput } from '../preprocess/index.js';
import type { PromptItem } from '../prompt/index.js';
import type { LoadedModel } from './LoadedModel.js';
import type { RequestItem } from './types.js';

export interface PreprocessedItems {
  /** Encoder inputs of each image, in prompt order. */
  readonly images: readonly VisionInput[];
  /** Encoder inputs of each ECG slot, in prompt order; null for a slot without a recording. */
  readonly ecgs: readonly (EcgInput | null)[];
  /** The same items as the chat template sees them: an image is its pad count, an ECG one pad. */
  readonly promptItems: readonly PromptItem[];
}

/**
 * Step (1): every image through the Qwen path with the PACKAGE's pixel budget and patch geometry, every
 * ECG through the loader with the package's rate and window. Refuses modalities the package cannot
 * encode and more images than it allows, before any model time is spent.
 */
export function preprocessItems(model: LoadedModel, items: readonly RequestItem[]): PreprocessedItems {
  const { preprocessing } = model.manifest;
  const { vision, ecg } = model.architecture;
  const images: VisionInput[] = [];
  const ecgs: (EcgInput | null)[] = [];
  const promptItems: PromptItem[] = [];
  for (const item of items) {
    if (item.type === 'image') {
      if (!vision) throw new Error('This model has no vision encoder: image inputs are not supported');
      if (images.length === preprocessing.maxImages) throw new Error(`This model takes at most ${preprocessing.maxImages} images per request`);
      const input = prepareImage(item.rgb, {
        ref: item.ref,
        resize: { factor: vision.patchSize * vision.spatialMergeSize, minPixels: preprocessing.minPixels, maxPixels: preprocessing.maxPixels },
        patches: { temporalPatchSize: vision.temporalPatchSize, patchSize: vision.patchSize, merge: vision.spatialMergeSize },
      });
      images.push(input);
      promptItems.push({ type: 'image', tokens: input.tokens });
    } else if (item.type === 'ecg') {
      if (!ecg) throw new Error('This model has no ECG encoder: ECG inputs are not supported');
      const input = item.record && ecgInput(item.record, { ...DEFAULT_ECG_INPUT_SETTINGS, targetRateHz: preprocessing.ecgSampleRateHz, windowSamples: preprocessing.ecgWindowSamples });
      if (input && input.shape[0] !== ecg.leads) throw new Error(`ECG input has ${input.shape[0]} leads, the encoder takes ${ecg.leads}`);
      ecgs.push(input);
      promptItems.push({ type: 'time-series' });
    } else {
      promptItems.push({ type: 'text', text: item.text });
    }
  }
  return { images, ecgs, promptItems };
}
