import type { GraphBuilder } from '../GraphBuilder.js';
import type { Tensor } from '../types.js';
import { add } from './elementwise.js';

/** Batched matrix product: (..., M, K) x (..., K, N) → (..., M, N), batch dims broadcast. */
export function matmul(g: GraphBuilder, a: Tensor, b: Tensor): Tensor {
  return g.apply('MatMul', [a, b]);
}

/**
 * x @ W (+ b). `weight` is stored (in, out), i.e. already transposed relative to PyTorch's
 * nn.Linear (out, in), so the graph needs no Transpose and the autodiff sees a plain MatMul; loaders of
 * HF checkpoints transpose once at load time. Gemm is avoided because it is 2-D only.
 */
export function linear(g: GraphBuilder, x: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  const y = matmul(g, x, weight); // (..., out)
  return bias ? add(g, y, bias) : y;
}
