import type { Graph, Initializer } from '../types.js';
import { nodeProto, valueInfoProto } from './nodeProto.js';
import { onnx, type ITensorProto, type ModelProto } from './onnxSchema.js';
import { externalTensorProto, inlineTensorProto, rawBytes } from './tensorProto.js';

export interface ModelProtoOptions {
  readonly opset: 17;
  readonly producer: string;
  readonly producerVersion?: string;
  /** Initializers of at least this many bytes go to the side file; omitted = everything inline. */
  readonly externalDataThresholdBytes?: number;
  /** Side-file name, relative to the model's folder (a bare file name). Default 'model.onnx.data'. */
  readonly externalDataLocation?: string;
}

export interface SerializedModel {
  readonly model: ModelProto;
  /** Contents of the side file, or undefined when every initializer is inline. */
  readonly externalData: Uint8Array | undefined;
  readonly externalDataLocation: string;
}

// Offsets aligned so a runtime can memory-map the side file and read tensors without copying.
const ALIGNMENT = 64;
// IR 8 is the version that opset 17 belongs to (ONNX 1.12) and the newest onnx-proto 8 can express.
const IR_VERSION = 8;

/** Serialises the IR to an ONNX ModelProto, splitting large initializers into external data. */
export function toModelProto(graph: Graph, options: ModelProtoOptions): SerializedModel {
  const location = options.externalDataLocation ?? 'model.onnx.data';
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const initializer = (init: Initializer): ITensorProto => {
    const threshold = options.externalDataThresholdBytes;
    if (threshold === undefined || init.data.data.byteLength < threshold) return inlineTensorProto(init.data, init.tensor.name);
    const bytes = rawBytes(init.data);
    const padding = (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;
    if (padding > 0) chunks.push(new Uint8Array(padding));
    offset += padding;
    chunks.push(bytes);
    const proto = externalTensorProto(init.data, init.tensor.name, location, offset, bytes.byteLength);
    offset += bytes.byteLength;
    return proto;
  };
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: options.opset }],
    producerName: options.producer,
    producerVersion: options.producerVersion ?? '',
    graph: {
      name: graph.name,
      node: graph.nodes.map(nodeProto),
      input: graph.inputs.map(valueInfoProto),
      output: graph.outputs.map(valueInfoProto),
      initializer: graph.initializers.map(initializer),
    },
  });
  return { model, externalData: chunks.length > 0 ? concatBytes(chunks, offset) : undefined, externalDataLocation: location };
}

function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
