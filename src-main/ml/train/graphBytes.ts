import { assertValidGraph, encodeModel, toModelProto, type Graph } from '../graph/index.js';

/** Validates a graph and serialises it to self-contained ONNX bytes (no external data: they hold no weights). */
export function graphBytes(graph: Graph): Uint8Array {
  assertValidGraph(graph);
  return encodeModel(toModelProto(graph, { opset: 17, producer: 'qoq-train' }).model);
}
