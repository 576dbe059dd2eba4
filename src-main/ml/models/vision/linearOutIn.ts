import { add, matmul, transpose, type GraphBuilder, type Tensor } from '../../graph/index.js';

/**
 * x · Wᵀ (+ b) for a weight kept in torch's nn.Linear (out, in) layout. Keeping the checkpoint layout
 * makes loading a 1:1 copy by name: a loader that forgot to transpose would otherwise pass the shape
 * check on every square matrix and silently compute garbage. ORT folds the Transpose of an
 * initializer once at session load.
 */
export function linearOutIn(g: GraphBuilder, x: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  const y = matmul(g, x, transpose(g, weight, [1, 0])); // (..., out)
  return bias ? add(g, y, bias) : y;
}
