import type { GraphBuilder } from '../GraphBuilder.js';
import { scalar } from '../ops/constant.js';
import { add, div, mul, sqrt } from '../ops/elementwise.js';
import { reduceMean } from '../ops/reduce.js';
import type { Tensor } from '../types.js';

/**
 * RMSNorm over the last axis: x / sqrt(mean(x²) + eps) · weight. Built from primitives (no fused op)
 * so every node has a textbook derivative for the autodiff.
 */
export function rmsNorm(g: GraphBuilder, x: Tensor, weight: Tensor, eps = 1e-6): Tensor {
  const meanSquare = reduceMean(g, mul(g, x, x), [-1]); // (..., 1)
  const rms = sqrt(g, add(g, meanSquare, scalar(g, eps, x.dtype))); // (..., 1)
  return mul(g, div(g, x, rms), weight); // (..., C)
}
