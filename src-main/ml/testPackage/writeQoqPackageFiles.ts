import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertValidGraph, writeModel, type Graph } from '../graph/index.js';
import { buildDecoderMerged, buildEmbedTokens, type DecoderConfig, type DecoderWeights } from '../models/decoder/index.js';
import { buildEcgEncoder, type EcgConfig } from '../models/ecg/index.js';
import { buildVisionEncoder, type VisionConfig, type Weights } from '../models/vision/index.js';
import type { ModelFile, ModelManifest } from '../package/modelManifest';
import { writeModelManifest } from '../package/writeModelPackage';
import type { TokenizerJson } from '../tokenizer/index.js';

/** Package-relative paths in the transformers.js / onnx-community layout (notes §8). */
export const TEST_PACKAGE_FILES = {
  vision: 'onnx/vision_encoder.onnx',
  ecg: 'onnx/ecg_encoder.onnx',
  embedTokens: 'onnx/embed_tokens.onnx',
  decoder: 'onnx/decoder_model_merged.onnx',
  tokenizer: 'tokenizer.json',
} as const;

export interface QoqPackageNetworks {
  readonly arch: { readonly decoder: DecoderConfig; readonly vision: VisionConfig; readonly ecg: EcgConfig };
  readonly tokenizer: TokenizerJson;
  readonly decoder: DecoderWeights;
  readonly vision: Weights;
  readonly ecg: Weights;
}

/**
 * Writes a QoQ-Med package's files into `dir` (which must not hold a manifest yet): the four float32
 * ONNX graphs, tokenizer.json, then manifest.json pinning every file plus `extraFiles` already written
 * there (e.g. README.md). One writer for the random test package and the trained qoq-med-nano, so
 * loadModel sees one layout.
 */
export async function writeQoqPackageFiles(
  dir: string,
  networks: QoqPackageNetworks,
  manifest: Omit<ModelManifest, 'files'>,
  options: { readonly producer: string; readonly extraFiles?: readonly string[] },
): Promise<ModelManifest> {
  const { arch } = networks;
  const graphs: [string, Graph][] = [
    [TEST_PACKAGE_FILES.vision, buildVisionEncoder(arch.vision, networks.vision)],
    [TEST_PACKAGE_FILES.ecg, buildEcgEncoder(arch.ecg, networks.ecg)],
    [TEST_PACKAGE_FILES.embedTokens, assertValidGraph(buildEmbedTokens(arch.decoder, networks.decoder).build())],
    [TEST_PACKAGE_FILES.decoder, assertValidGraph(buildDecoderMerged(arch.decoder, networks.decoder).build())],
  ];
  for (const [file, graph] of graphs) await writeModel(graph, path.join(dir, file), { opset: 17, producer: options.producer });
  await writeFile(path.join(dir, TEST_PACKAGE_FILES.tokenizer), `${JSON.stringify(networks.tokenizer)}\n`);
  const files: Omit<ModelFile, 'sha256' | 'size'>[] = [
    { path: TEST_PACKAGE_FILES.vision, role: 'vision_encoder' },
    { path: TEST_PACKAGE_FILES.ecg, role: 'ecg_encoder' },
    { path: TEST_PACKAGE_FILES.embedTokens, role: 'embed_tokens' },
    { path: TEST_PACKAGE_FILES.decoder, role: 'decoder' },
    { path: TEST_PACKAGE_FILES.tokenizer, role: 'tokenizer' },
    ...(options.extraFiles ?? []).map((p) => ({ path: p, role: 'other' as const })),
  ];
  return writeModelManifest(dir, manifest, files);
}
