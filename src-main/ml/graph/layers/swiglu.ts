import type { GraphBuilder } from '../GraphBuilder.js';
import { mul, sigmoid } from '../ops/elementwise.js';
import { linear } from '../ops/matmul.js';
import type { Tensor } from '../types.js';

/** SiLU (swish): x · σ(x). */
export function silu(g: GraphBuilder, x: Tensor): Tensor {
  return mul(g, x, sigmoid(g, x));
}

/** The gated unit alone: silu(gate) · up. */
export function swiglu(g: GraphBuilder, gate: Tensor, up: Tensor): Tensor {
  return mul(g, silu(g, gate), up);
}

export interface SwigluWeights {
  readonly gate: Tensor; // (C, F)
  readonly up: Tensor; // (C, F)
  readonly down: Tensor; // (F, C)
}

/** The Llama/Qwen MLP: down(silu(gate(x)) · up(x)). Weights stored (in, out), see `linear`. */
export function swigluMlp(g: GraphBuilder, x: Tensor, w: SwigluWeights): Tensor {
  const hidden = swiglu(g, linear(g, x, w.gate), linear(g, x, w.up)); // (B, T, F)
  return linear(g, hidden, w.down); // (B, T, C)
}
