import { add, div, mul, reduceMean, scalar, sqrt, sub, type GraphBuilder, type Tensor } from '../../graph/index.js';

/**
 * LayerNorm over the last axis, (x − mean) / sqrt(var + eps) · weight + bias with the biased variance
 * as torch computes it. Built from primitives because opset 17's LayerNormalization has no rule in the
 * DSL and every primitive here has a textbook derivative for the autodiff.
 */
export function layerNorm(g: GraphBuilder, x: Tensor, weight: Tensor, bias: Tensor, eps: number): Tensor {
  const centred = sub(g, x, reduceMean(g, x, [-1])); // (..., C)
  const variance = reduceMean(g, mul(g, centred, centred), [-1]); // (..., 1)
  const std = sqrt(g, add(g, variance, scalar(g, eps, x.dtype))); // (..., 1)
  return add(g, mul(g, div(g, centred, std), weight), bias); // (..., C)
}
