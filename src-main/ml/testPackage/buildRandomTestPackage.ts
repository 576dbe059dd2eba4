import { initDecoderWeights, type DecoderConfig } from '../models/decoder/index.js';
import { initEcgWeights, type EcgConfig } from '../models/ecg/index.js';
import { initVisionWeights, type VisionConfig } from '../models/vision/index.js';
import type { ModelManifest } from '../package/modelManifest';
import { splitMix32 } from '../random/splitMix32.js';
import { QOQ_SPECIAL_TOKENS, tokenizerFromJson, trainByteLevelBpe } from '../tokenizer/index.js';
import { TEST_PACKAGE_CORPUS } from './testCorpus.js';
import { testManifest } from './testManifest.js';
import { tinyArchitecture } from './tinyArchitecture.js';
import { writeQoqPackageFiles } from './writeQoqPackageFiles.js';

export interface RandomTestPackageOptions {
  /** Seeds the weights of all three networks; the same seed gives byte-identical files. */
  readonly seed: number;
  readonly decoder?: Partial<DecoderConfig>;
  readonly vision?: Partial<VisionConfig>;
  readonly ecg?: Partial<EcgConfig>;
  /** Replaces the built-in radiology/protocol corpus the tokenizer is trained on. */
  readonly tokenizerCorpus?: readonly string[];
  /** Upper bound on the tokenizer (= decoder) vocabulary, specials included. Default 480. */
  readonly vocabSize?: number;
}

const PRODUCER = 'qoq-random-test-package';

/**
 * Writes a complete, verifiable model package with a tiny randomly initialised QoQ-Med into `dir`
 * (which must not hold a manifest yet): a byte-level BPE tokenizer with the QoQ special tokens, the
 * four float32 ONNX graphs and manifest.json. For tests and smoke runs of the runtime and the app —
 * the output is meaningless, and the manifest says so.
 */
export async function buildRandomTestPackage(dir: string, options: RandomTestPackageOptions): Promise<ModelManifest> {
  // 1. Tokenizer first: its size fixes the decoder's vocabulary.
  const tokenizerJson = trainByteLevelBpe(options.tokenizerCorpus ?? TEST_PACKAGE_CORPUS, {
    vocabSize: options.vocabSize ?? 480,
    specialTokens: QOQ_SPECIAL_TOKENS,
  });
  const tokenizer = tokenizerFromJson(tokenizerJson);
  const arch = tinyArchitecture(tokenizer.vocabSize, options);

  // 2. One independent weight stream per network, so changing one config leaves the others' weights alone.
  const [decoderSeed, visionSeed, ecgSeed] = deriveSeeds(options.seed, 3);
  const networks = {
    arch,
    tokenizer: tokenizerJson,
    decoder: initDecoderWeights(arch.decoder, decoderSeed!),
    vision: initVisionWeights(arch.vision, visionSeed!),
    ecg: initEcgWeights(arch.ecg, ecgSeed!),
  };

  // 3. Files, then the manifest that pins their hashes.
  return writeQoqPackageFiles(dir, networks, testManifest(tokenizer, arch, options.seed), { producer: PRODUCER });
}

/** `count` well-mixed 32-bit seeds from one, so seeds 1 and 2 do not give overlapping streams. */
function deriveSeeds(seed: number, count: number): number[] {
  const out: number[] = [];
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    const [value, next] = splitMix32(state);
    out.push(value);
    state = next;
  }
  return out;
}
