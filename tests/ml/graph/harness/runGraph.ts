import { allocate, assertValidGraph, encodeModel, toModelProto, type DType, type GraphBuilder } from '../../../../src-main/ml/graph/index.js';
import { createSession, type HostTensor } from '../../../../src-main/ml/ort/index.js';

/**
 * Validates, serialises and runs `g` once in ONNX Runtime (CPU, 1 thread for determinism). Graphs
 * with float64 values run at optimisation level 'basic' (see SessionOptions.optimizationLevel).
 */
export async function runGraph(g: GraphBuilder, feeds: Record<string, HostTensor>): Promise<Record<string, HostTensor>> {
  const graph = assertValidGraph(g.build());
  const { model } = toModelProto(graph, { opset: 17, producer: 'qoq-graph-tests' });
  const hasFloat64 = [...graph.tensors.values()].some((t) => t.dtype === 'float64');
  const session = await createSession(encodeModel(model), { intraOpThreads: 1, optimizationLevel: hasFloat64 ? 'basic' : 'all' });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** A feed from JS numbers. */
export function host(type: DType, dims: readonly number[], values: readonly number[]): HostTensor {
  const data = allocate(type, values.length);
  values.forEach((v, i) => {
    if (data instanceof BigInt64Array) data[i] = BigInt(v);
    else data[i] = v;
  });
  return { type, dims, data };
}

export function outputOf(results: Record<string, HostTensor>, name: string): HostTensor {
  const t = results[name];
  if (!t) throw new Error(`no output '${name}' (got ${Object.keys(results).join(', ')})`);
  return t;
}
