import { allocate, type TensorData } from '../../ml/graph/index.js';
import type { Weights } from '../../ml/models/vision/index.js';
import type { FeatureStats } from './featureStats.js';

/** Columns whose spread is below this fraction of the target are treated as constant (not blown up). */
const MIN_STD_FRACTION = 1e-3;

/**
 * Folds a per-feature standardisation into a final linear layer y = W·x + b (W stored (out, in), the
 * torch layout): with the layer's output statistics (mean mⱼ, std sⱼ) measured on data, the new layer
 * gives y'ⱼ = (yⱼ − mⱼ) · target / sⱼ — zero mean and spread `target` in every output feature on that
 * data. Same graph, new weights: W'ⱼₖ = aⱼ·Wⱼₖ, b'ⱼ = aⱼ·(bⱼ − mⱼ), aⱼ = target / sⱼ.
 *
 * Why: a frozen random encoder's features share one large common vector (the same for every input)
 * and differ only in a few per cent of their size (ECG: ~3 %), so the decoder sees nearly the same
 * embedding for every input of a domain; standardising makes all of each feature row the part that varies.
 */
export function standardizeOutputLayer(weights: Weights, weightName: string, biasName: string, stats: FeatureStats, target: number): Map<string, TensorData> {
  const w = weights.get(weightName);
  const b = weights.get(biasName);
  if (w === undefined || b === undefined) throw new Error(`standardizeOutputLayer: missing '${w === undefined ? weightName : biasName}'`);
  const [out, inner] = w.dims as [number, number];
  if (w.dims.length !== 2 || b.dims.length !== 1 || b.dims[0] !== out) throw new Error(`standardizeOutputLayer: '${weightName}' [${w.dims.join(', ')}] and '${biasName}' [${b.dims.join(', ')}] are not a linear layer`);
  if (stats.width !== out) throw new Error(`standardizeOutputLayer: statistics of ${stats.width} features for a layer with ${out} outputs`);
  if (!(target > 0)) throw new Error(`standardizeOutputLayer: target spread ${target} must be positive`);
  const floor = target * MIN_STD_FRACTION;
  const weight = allocate(w.dtype, out * inner); // the layer's own dtype: float64 graphs stay float64
  const bias = allocate(b.dtype, out);
  for (let j = 0; j < out; j++) {
    const a = target / Math.max(stats.std[j] as number, floor);
    for (let k = 0; k < inner; k++) weight[j * inner + k] = a * (w.data[j * inner + k] as number);
    bias[j] = a * ((b.data[j] as number) - (stats.mean[j] as number));
  }
  const next = new Map(weights);
  next.set(weightName, { dtype: w.dtype, dims: [...w.dims], data: weight });
  next.set(biasName, { dtype: b.dtype, dims: [...b.dims], data: bias });
  return next;
}
