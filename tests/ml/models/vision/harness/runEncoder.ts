import { encodeModel, toModelProto, validateGraph, type Graph, type TensorData } from '../../../../../src-main/ml/graph/index.js';
import { createSession, type HostTensor } from '../../../../../src-main/ml/ort/index.js';

/**
 * Serialises a finished model graph, runs it once in ORT (CPU, 1 thread) and returns its outputs.
 * float64 graphs load at level 'basic': ORT's extended fusions would rewrite x·σ(x) into a float-only
 * QuickGelu kernel (see SessionOptions.optimizationLevel).
 */
export async function runEncoder(graph: Graph, feeds: Record<string, HostTensor>): Promise<Record<string, HostTensor>> {
  const problems = validateGraph(graph);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const { model } = toModelProto(graph, { opset: 17, producer: 'qoq-model-tests' });
  const hasFloat64 = [...graph.tensors.values()].some((t) => t.dtype === 'float64');
  const session = await createSession(encodeModel(model), { intraOpThreads: 1, optimizationLevel: hasFloat64 ? 'basic' : 'all' });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

export function outputOf(results: Record<string, HostTensor>, name: string): HostTensor {
  const t = results[name];
  if (!t) throw new Error(`no output '${name}' (got ${Object.keys(results).join(', ')})`);
  return t;
}

/** The same weight values as float64: float32 → float64 is exact, so both graph dtypes see one model. */
export function asFloat64(weights: ReadonlyMap<string, TensorData>): Map<string, TensorData> {
  return new Map([...weights].map(([name, t]) => [name, { dtype: 'float64', dims: t.dims, data: Float64Array.from(t.data as Float32Array) }]));
}

/** Weight values as plain float64 arrays for the loop references. */
export function referenceWeights(weights: ReadonlyMap<string, TensorData>): Map<string, Float64Array> {
  return new Map([...weights].map(([name, t]) => [name, Float64Array.from(t.data as Float32Array)]));
}
