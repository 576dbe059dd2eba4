import { formatShape, sameShape, type GraphBuilder, type Tensor } from '../../graph/index.js';
import type { Weights } from './initParams.js';

/**
 * Registers weight `name` from `weights` as an initializer, checking it exists with the expected dims
 * and dtype: a checkpoint with a transposed or missing tensor fails here, by name, not inside ORT.
 */
export function addWeight(g: GraphBuilder, weights: Weights, name: string, dims: readonly number[], dtype: 'float32' | 'float64'): Tensor {
  const w = weights.get(name);
  if (w === undefined) throw new Error(`missing weight '${name}' ${formatShape(dims)}`);
  if (!sameShape(w.dims, dims)) throw new Error(`weight '${name}' is ${formatShape(w.dims)}, expected ${formatShape(dims)}`);
  if (w.dtype !== dtype) throw new Error(`weight '${name}' is ${w.dtype}, the graph is ${dtype}`);
  return g.initializer(name, w.data, dims, dtype);
}
