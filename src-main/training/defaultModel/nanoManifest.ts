import type { ModelManifest } from '../../ml/package/modelManifest';
import { DEFAULT_SYSTEM_PROMPT } from '../../ml/prompt/index.js';
import type { TextTokenizer } from '../../ml/tokenizer/index.js';
import { NANO_PIXEL_UNIT, type NanoArchitecture } from './nanoArchitecture.js';
import { specialTokenIds } from '../../ml/package/specialTokenIds.js';

export const NANO_NAME = 'qoq-med-nano';
export const NANO_INTENDED_USE = 'Demonstration model, synthetic training data, research use only — not for diagnostic use';

/**
 * The preprocessing the model is trained and served with. Images are capped at 64 merged tokens (the lab's
 * 256² pictures become 224², CT/MR slices 140²: 25 tokens each); CT/MR feed twelve evenly spaced slices
 * (ends included). With four, only 14 of 27 held-out CT lesions lay on a selected slice; with twelve, all
 * 27 (npm run experiment:probes).
 */
export const NANO_PREPROCESSING: ModelManifest['preprocessing'] = {
  minPixels: NANO_PIXEL_UNIT * NANO_PIXEL_UNIT * 4,
  maxPixels: NANO_PIXEL_UNIT * NANO_PIXEL_UNIT * 64,
  maxImages: 12,
  ecgSampleRateHz: 500,
  ecgWindowSamples: 2500,
  ctWindow: { center: 80, width: 700 },
  volumeSlices: { strategy: 'evenly-spaced', count: 12 },
};

/** Everything in manifest.json except the file list; special-token ids come from the trained tokenizer. */
export function nanoManifest(tokenizer: TextTokenizer, arch: NanoArchitecture, version: string, lineage: ModelManifest['lineage']): Omit<ModelManifest, 'files'> {
  const specialTokens = specialTokenIds(tokenizer);
  return {
    format: 'qoq-model-package/1',
    name: NANO_NAME,
    version,
    architecture: { family: 'qoq-med', decoder: { ...arch.decoder }, vision: { ...arch.vision }, ecg: { ...arch.ecg } },
    modalities: ['image', 'volume', 'ecg', 'text'],
    specialTokens,
    chatTemplate: { kind: 'qwen2-vl', defaultSystem: DEFAULT_SYSTEM_PROMPT },
    preprocessing: NANO_PREPROCESSING,
    // Greedy, no repetition penalty: the trained responses legitimately repeat their label words
    // (trace, JSON, \boxed{}), and a penalty would push greedy decoding off them.
    generation: {
      eosTokenIds: [specialTokens.imEnd, specialTokens.endOfText],
      maxNewTokens: 256,
      temperature: 0,
      topP: 1,
      topK: 0,
      repetitionPenalty: 1,
    },
    intendedUse: NANO_INTENDED_USE,
    lineage,
  };
}
