import { reshape, rmsNorm, type GraphBuilder, type Tensor } from '../../graph/index.js';
import { addWeight } from './addWeight.js';
import { gelu } from './gelu.js';
import type { Weights } from './initParams.js';
import { linearOutIn } from '../../graph/index.js';
import type { VisionConfig } from './VisionConfig.js';

/**
 * Qwen2.5-VL's PatchMerger: RMSNorm each patch, fold each merge window (merge² consecutive rows,
 * contiguous thanks to patchOrder) into one merge²·C vector, then Linear → GELU → Linear to the LLM
 * width. x (1, N, C) → (N / merge², outHiddenSize).
 */
export function patchMerger(g: GraphBuilder, cfg: VisionConfig, weights: Weights, x: Tensor): Tensor {
  const { hiddenSize: c, outHiddenSize: out, dtype } = cfg;
  const merged = c * cfg.spatialMergeSize ** 2;
  const w = (name: string, dims: readonly number[]) => addWeight(g, weights, `visual.merger.${name}`, dims, dtype);
  const normed = rmsNorm(g, x, w('ln_q.weight', [c]), cfg.rmsNormEps); // (1, N, C)
  const grouped = reshape(g, normed, ['num_tokens', merged]); // (N/4, 4C)
  const hidden = gelu(g, linearOutIn(g, grouped, w('mlp.0.weight', [merged, merged]), w('mlp.0.bias', [merged]))); // (N/4, 4C)
  return linearOutIn(g, hidden, w('mlp.2.weight', [out, merged]), w('mlp.2.bias', [out])); // (N/4, out)
}
