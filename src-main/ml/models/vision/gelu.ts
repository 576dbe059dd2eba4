import { add, cast, div, erf, mul, scalar, type GraphBuilder, type Tensor } from '../../graph/index.js';

/**
 * Exact GELU, x · ½ · (1 + erf(x / √2)), as torch's nn.GELU() default that both Qwen2.5-VL's merger
 * and ECG-JEPA use (the tanh form differs by up to ~1e-3). ORT 1.30 has no float64 Erf kernel on CPU,
 * so float64 graphs evaluate erf alone in float32: those graphs are then exact to ~1e-7, not 1e-15.
 */
export function gelu(g: GraphBuilder, x: Tensor): Tensor {
  const scaled = div(g, x, scalar(g, Math.SQRT2, x.dtype)); // (...)
  const e = cast(g, erf(g, cast(g, scaled, 'float32')), x.dtype); // (...)
  return mul(g, mul(g, x, scalar(g, 0.5, x.dtype)), add(g, e, scalar(g, 1, x.dtype)));
}
