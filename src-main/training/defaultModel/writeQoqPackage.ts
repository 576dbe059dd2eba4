import type { DecoderWeights } from '../../ml/models/decoder/index.js';
import type { Weights } from '../../ml/models/vision/index.js';
import type { ModelManifest } from '../../ml/package/modelManifest';
import { writeQoqPackageFiles } from '../../ml/testPackage/index.js';
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
export function writeQoqPackage(dir: string, content: QoqPackageContent): Promise<ModelManifest> {
  return writeQoqPackageFiles(dir, content, content.manifest, { producer: content.manifest.name, ...(content.extraFiles ? { extraFiles: content.extraFiles } : {}) });
}
