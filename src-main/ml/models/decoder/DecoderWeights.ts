import { formatShape, sameShape } from '../../graph/index.js';
import type { DecoderConfig } from './DecoderConfig.js';
import { decoderParameterSpecs } from './decoderParameterSpecs.js';

/** One parameter's values, row-major in its Hugging Face shape. */
export interface WeightTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array | Float64Array;
}

/**
 * The decoder's parameters by Hugging Face name (`model.layers.0.self_attn.q_proj.weight`, …), so a
 * safetensors checkpoint maps onto it 1:1 and the graphs' initializers carry the same names.
 */
export type DecoderWeights = Readonly<Record<string, WeightTensor>>;

/**
 * Throws listing every missing, extra, mis-shaped or mis-typed parameter. An extra name is an error
 * too: it usually means a checkpoint of another architecture (or a tied one fed as untied).
 */
export function assertDecoderWeights(config: DecoderConfig, weights: DecoderWeights): void {
  const problems: string[] = [];
  const specs = decoderParameterSpecs(config);
  const wanted = config.dtype === 'float32' ? Float32Array : Float64Array;
  for (const spec of specs) {
    const w = weights[spec.name];
    if (w === undefined) {
      problems.push(`missing '${spec.name}'`);
      continue;
    }
    if (!sameShape(w.dims, spec.dims)) problems.push(`'${spec.name}' is ${formatShape(w.dims)}, expected ${formatShape(spec.dims)}`);
    if (w.data.length !== w.dims.reduce((n, x) => n * x, 1)) problems.push(`'${spec.name}': ${w.data.length} values do not fill ${formatShape(w.dims)}`);
    if (!(w.data instanceof wanted)) problems.push(`'${spec.name}' is not ${config.dtype}`);
  }
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(weights)) if (!known.has(name)) problems.push(`unexpected '${name}'`);
  if (problems.length > 0) throw new Error(`Decoder weights do not fit the config:\n- ${problems.join('\n- ')}`);
}
