import type { ModelManifest } from '../package/modelManifest';
import { DEFAULT_SYSTEM_PROMPT } from '../prompt/index.js';
import type { TextTokenizer } from '../tokenizer/index.js';
import type { TinyArchitecture } from './tinyArchitecture.js';
import { specialTokenIds } from '../package/specialTokenIds.js';

/** Patch 14 × merge 2: smart_resize's rounding unit. */
const UNIT = 28;

export const TEST_PACKAGE_INTENDED_USE = 'Randomly initialised test model — produces meaningless output; research use only';

/**
 * Everything in manifest.json except the file list. Special-token ids are looked up in the trained
 * tokenizer (they are NOT the released 151xxx ids), and the pixel budget is 4..64 merged tokens so test
 * images stay a handful of patches. createdUtc is fixed: the same seed must give the same bytes.
 */
export function testManifest(tokenizer: TextTokenizer, arch: TinyArchitecture, seed: number): Omit<ModelManifest, 'files'> {
  const specialTokens = specialTokenIds(tokenizer);
  return {
    format: 'qoq-model-package/1',
    name: 'qoq-random-test',
    version: `0.0.0-seed.${seed >>> 0}`,
    architecture: {
      family: 'qoq-med',
      decoder: { ...arch.decoder },
      vision: { ...arch.vision },
      ecg: { ...arch.ecg },
    },
    modalities: ['image', 'volume', 'ecg', 'text'],
    specialTokens,
    chatTemplate: { kind: 'qwen2-vl', defaultSystem: DEFAULT_SYSTEM_PROMPT },
    preprocessing: {
      minPixels: UNIT * UNIT * 4,
      maxPixels: UNIT * UNIT * 64,
      maxImages: 4,
      ecgSampleRateHz: 500,
      ecgWindowSamples: arch.ecg.samples,
      ctWindow: { center: 80, width: 700 },
      volumeSlices: { strategy: 'first-last', count: 2 },
    },
    // The released model's eos pair and repetition penalty (notes §2); temperature 0 = greedy.
    generation: {
      eosTokenIds: [specialTokens.imEnd, specialTokens.endOfText],
      maxNewTokens: 64,
      temperature: 0,
      topP: 1,
      topK: 0,
      repetitionPenalty: 1.05,
    },
    intendedUse: TEST_PACKAGE_INTENDED_USE,
    lineage: {
      baseModel: null,
      trainingData: null,
      recipe: `random initialisation, seed ${seed}`,
      metrics: null,
      createdUtc: '2000-01-01T00:00:00.000Z',
    },
  };
}
