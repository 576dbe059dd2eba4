import type { GraphBuilder } from '../GraphBuilder.js';
import { add } from '../ops/elementwise.js';
import { transpose } from '../ops/layout.js';
import { matmul } from '../ops/matmul.js';
import type { Tensor } from '../types.js';

/**
 * x @ Wᵀ (+ b) for a weight kept in Hugging Face's (out, in) layout. The DSL's `linear` wants (in, out);
 * keeping the checkpoint layout instead means initializers, gradients and safetensors exports all
 * share one layout, and ORT constant-folds the Transpose of an initializer away at session load.
 */
export function linearOutIn(g: GraphBuilder, x: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  const y = matmul(g, x, transpose(g, weight, [1, 0])); // (..., out)
  return bias ? add(g, y, bias) : y;
}
