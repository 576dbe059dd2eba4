import { onnx, type ModelProto } from './onnxSchema.js';

/** Protobuf wire bytes of a model, e.g. for `createSession(bytes)` when nothing is external. */
export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** Parses model bytes (throws protobufjs' error on malformed input). */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return onnx.ModelProto.decode(bytes);
}
