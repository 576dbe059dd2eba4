import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertValidGraph, writeModel, type Graph } from '../../ml/graph/index.js';
import { buildDecoderMerged, buildEmbedTokens, type DecoderWeights } from '../../ml/models/decoder/index.js';
import { buildEcgEncoder } from '../../ml/models/ecg/index.js';
import { buildVisionEncoder, type Weights } from '../../ml/models/vision/index.js';
import type { ModelFile, ModelManifest } from '../../ml/package/modelManifest';
import { writeModelManifest } from '../../ml/package/writeModelPackage';
import { TEST_PACKAGE_FILES } from '../../ml/testPackage/index.js';
import type { TokenizerJson } from '../../ml/tokenizer/index.js';
import type { NanoArchitecture } from './nanoArchitecture.js';

export interface QoqPackageContent {
  readonly arch: NanoArchitecture;
  readonly tokenizer: TokenizerJson;
  readonly decoder: DecoderWeights;
  readonly vision: Weights;
  readonly ecg: Weights;
  readonly manifest: Omit<ModelManifest, 'files'>;
  /** Extra files already written into the folder (e.g. README.md), pinned like the rest. */
  readonly extraFiles?: readonly string[];
}

/**
 * Writes a complete, verifiable package into `dir` (which must not hold a manifest yet): the four float32
 * ONNX graphs in the onnx-community layout, tokenizer.json, then manifest.json pinning every file — the
 * same layout as the random test package, so loadModel treats them alike.
 */
export async function writeQoqPackage(dir: string, content: QoqPackageContent): Promise<ModelManifest> {
  const { arch } = content;
  const graphs: [string, Graph][] = [
    [TEST_PACKAGE_FILES.vision, buildVisionEncoder(arch.vision, content.vision)],
    [TEST_PACKAGE_FILES.ecg, buildEcgEncoder(arch.ecg, content.ecg)],
    [TEST_PACKAGE_FILES.embedTokens, assertValidGraph(buildEmbedTokens(arch.decoder, content.decoder).build())],
    [TEST_PACKAGE_FILES.decoder, assertValidGraph(buildDecoderMerged(arch.decoder, content.decoder).build())],
  ];
  const producer = { opset: 17, producer: content.manifest.name } as const;
  for (const [file, graph] of graphs) await writeModel(graph, path.join(dir, file), producer);
  await writeFile(path.join(dir, TEST_PACKAGE_FILES.tokenizer), `${JSON.stringify(content.tokenizer)}\n`);
  const files: Omit<ModelFile, 'sha256' | 'size'>[] = [
    { path: TEST_PACKAGE_FILES.vision, role: 'vision_encoder' },
    { path: TEST_PACKAGE_FILES.ecg, role: 'ecg_encoder' },
    { path: TEST_PACKAGE_FILES.embedTokens, role: 'embed_tokens' },
    { path: TEST_PACKAGE_FILES.decoder, role: 'decoder' },
    { path: TEST_PACKAGE_FILES.tokenizer, role: 'tokenizer' },
    ...(content.extraFiles ?? []).map((p) => ({ path: p, role: 'other' as const })),
  ];
  return writeModelManifest(dir, content.manifest, files);
}
