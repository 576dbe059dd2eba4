import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertValidGraph, writeModel, type Graph } from '../graph/index.js';
import { buildDecoderMerged, buildEmbedTokens, initDecoderWeights, type DecoderConfig } from '../models/decoder/index.js';
import { buildEcgEncoder, initEcgWeights, type EcgConfig } from '../models/ecg/index.js';
import { buildVisionEncoder, initVisionWeights, type VisionConfig } from '../models/vision/index.js';
import type { ModelFile, ModelManifest } from '../package/modelManifest';
import { writeModelManifest } from '../package/writeModelPackage';
import { splitMix32 } from '../random/splitMix32.js';
import { QOQ_SPECIAL_TOKENS, tokenizerFromJson, trainByteLevelBpe } from '../tokenizer/index.js';
import { TEST_PACKAGE_CORPUS } from './testCorpus.js';
import { testManifest } from './testManifest.js';
import { tinyArchitecture } from './tinyArchitecture.js';

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

/** Package-relative paths in the transformers.js / onnx-community layout (notes §8). */
export const TEST_PACKAGE_FILES = {
  vision: 'onnx/vision_encoder.onnx',
  ecg: 'onnx/ecg_encoder.onnx',
  embedTokens: 'onnx/embed_tokens.onnx',
  decoder: 'onnx/decoder_model_merged.onnx',
  tokenizer: 'tokenizer.json',
} as const;

const PRODUCER = { opset: 17, producer: 'qoq-random-test-package' } as const;

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
  const decoderWeights = initDecoderWeights(arch.decoder, decoderSeed!);
  const graphs: [string, Graph][] = [
    [TEST_PACKAGE_FILES.vision, buildVisionEncoder(arch.vision, initVisionWeights(arch.vision, visionSeed!))],
    [TEST_PACKAGE_FILES.ecg, buildEcgEncoder(arch.ecg, initEcgWeights(arch.ecg, ecgSeed!))],
    [TEST_PACKAGE_FILES.embedTokens, assertValidGraph(buildEmbedTokens(arch.decoder, decoderWeights).build())],
    [TEST_PACKAGE_FILES.decoder, assertValidGraph(buildDecoderMerged(arch.decoder, decoderWeights).build())],
  ];

  // 3. Files, then the manifest that pins their hashes.
  for (const [file, graph] of graphs) await writeModel(graph, path.join(dir, file), PRODUCER);
  await writeFile(path.join(dir, TEST_PACKAGE_FILES.tokenizer), `${JSON.stringify(tokenizerJson)}\n`);
  const files: Omit<ModelFile, 'sha256' | 'size'>[] = [
    { path: TEST_PACKAGE_FILES.vision, role: 'vision_encoder' },
    { path: TEST_PACKAGE_FILES.ecg, role: 'ecg_encoder' },
    { path: TEST_PACKAGE_FILES.embedTokens, role: 'embed_tokens' },
    { path: TEST_PACKAGE_FILES.decoder, role: 'decoder' },
    { path: TEST_PACKAGE_FILES.tokenizer, role: 'tokenizer' },
  ];
  return writeModelManifest(dir, testManifest(tokenizer, arch, options.seed), files);
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
