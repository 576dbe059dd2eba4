import { constant, type GraphBuilder, type Tensor } from '../../graph/index.js';
import { ecgPatchesPerLead, type EcgConfig } from './EcgConfig.js';
import { leadTimeMask } from './leadTimeMask.js';

// Most negative finite value rather than ECG-JEPA's -inf: equal after softmax (no row is fully masked)
// and it keeps a stray NaN out of any backward pass.
const MASK_VALUE = { float32: -3.4028234663852886e38, float64: -Number.MAX_VALUE } as const;

/** leadTimeMask as an additive (N, N) Constant: fixed by the config, so no runtime input is needed. */
export function ecgAttentionMask(g: GraphBuilder, cfg: EcgConfig): Tensor {
  const allowed = leadTimeMask(cfg.leads, ecgPatchesPerLead(cfg));
  const n = Math.sqrt(allowed.length);
  const data = cfg.dtype === 'float32' ? new Float32Array(allowed.length) : new Float64Array(allowed.length);
  allowed.forEach((ok, i) => (data[i] = ok ? 0 : MASK_VALUE[cfg.dtype]));
  return constant(g, { dtype: cfg.dtype, dims: [n, n], data }, 'ecg_attention_mask');
}
