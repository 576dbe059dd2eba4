import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeModel } from '../../ml/graph/index.js';
import { decoderParameterSpecs, type DecoderConfig } from '../../ml/models/decoder/index.js';
import type { ModelManifest } from '../../ml/package/modelManifest';
import type { ParamTable } from '../../ml/train/index.js';

const ONNX_FLOAT = 1;

/**
 * The decoder parameters of a verified model package, by Hugging Face name, read back from the
 * initializers of its decoder_model_merged and embed_tokens graphs (the package is the SFT checkpoint
 * an RL run starts from). Every parameter the config declares must be there, float32, with its shape.
 */
export function packageDecoderWeights(dir: string, manifest: Pick<ModelManifest, 'files'>, config: DecoderConfig): ParamTable {
  const found = new Map<string, { dims: number[]; data: Float32Array }>();
  for (const file of manifest.files.filter((f) => f.role === 'decoder' || f.role === 'embed_tokens')) {
    const model = decodeModel(readFileSync(path.join(dir, file.path)));
    for (const t of model.graph?.initializer ?? []) {
      if (!t.name || found.has(t.name) || t.dataType !== ONNX_FLOAT || !t.rawData || t.rawData.length === 0) continue;
      const bytes = Uint8Array.from(t.rawData); // a copy: aligned, and owned by the table
      found.set(t.name, { dims: (t.dims ?? []).map(Number), data: new Float32Array(bytes.buffer, 0, bytes.length / 4) });
    }
  }
  const table: ParamTable = {};
  for (const spec of decoderParameterSpecs(config)) {
    const t = found.get(spec.name);
    if (t === undefined) throw new Error(`packageDecoderWeights: ${dir} has no float32 initializer '${spec.name}'`);
    if (t.dims.join(',') !== spec.dims.join(',')) throw new Error(`packageDecoderWeights: '${spec.name}' is [${t.dims.join(', ')}], the config says [${spec.dims.join(', ')}]`);
    table[spec.name] = t.data;
  }
  return table;
}
