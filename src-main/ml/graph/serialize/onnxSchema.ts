// onnx-proto is CommonJS; Node's ESM loader cannot see its named export, so take it from the default
// export once here. Everything else imports `onnx` from this file.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxNamespace } from 'onnx-proto';

export const onnx: typeof OnnxNamespace = onnxProto.onnx;

export type ModelProto = OnnxNamespace.ModelProto;
export type IModelProto = OnnxNamespace.IModelProto;
export type IGraphProto = OnnxNamespace.IGraphProto;
export type ITensorProto = OnnxNamespace.ITensorProto;
export type INodeProto = OnnxNamespace.INodeProto;
export type IAttributeProto = OnnxNamespace.IAttributeProto;
export type IValueInfoProto = OnnxNamespace.IValueInfoProto;
