import type { GraphBuilder, Tensor } from '../../graph/index.js';
import type { DecoderWeights } from './DecoderWeights.js';

/** Emits weight `name` as an initializer of the same name and HF shape (the autodiff and exports key on it). */
export function declareWeight(g: GraphBuilder, weights: DecoderWeights, name: string): Tensor {
  const w = weights[name];
  if (w === undefined) throw new Error(`Decoder weight '${name}' is missing`);
  return g.initializer(name, w.data, w.dims);
}
