import type { DType } from '../../graph/index.js';

/** Size of the ECG-JEPA encoder and its projection into the LLM. Plain data, like nanoGPT's GPTConfig. */
export interface EcgConfig {
  readonly leads: number; // 8: I, II, V1–V6
  readonly samples: number; // 2500 per lead
  readonly patchSize: number; // 50 samples per token → 50 time patches per lead, 400 tokens
  readonly dim: number; // D: ViT width (768)
  readonly depth: number; // ViT blocks (12)
  readonly numHeads: number; // 16 in the released encoder
  readonly mlpRatio: number; // 4: MLP width = D · mlpRatio
  /** ECG-JEPA's Attention(qkv_bias=False) default; the released encoder has no qkv bias. */
  readonly qkvBias: boolean;
  readonly layerNormEps: number; // 1e-5: torch nn.LayerNorm default, which ECG-JEPA uses unchanged
  readonly outHiddenSize: number; // LLM hidden size (3584 for the 7B LLM)
  readonly dtype: Extract<DType, 'float32' | 'float64'>;
}

/** The released ECG-JEPA encoder (pos_type 'sincos') feeding QoQ-Med-7B's LLM. */
export const ECG_JEPA_QOQ_7B: EcgConfig = {
  leads: 8,
  samples: 2500,
  patchSize: 50,
  dim: 768,
  depth: 12,
  numHeads: 16,
  mlpRatio: 4,
  qkvBias: false,
  layerNormEps: 1e-5,
  outHiddenSize: 3584,
  dtype: 'float32',
};

/** Time patches per lead (50). */
export function ecgPatchesPerLead(cfg: EcgConfig): number {
  return cfg.samples / cfg.patchSize;
}

/** Tokens the encoder attends over: leads × time patches (400). */
export function ecgTokenCount(cfg: EcgConfig): number {
  return cfg.leads * ecgPatchesPerLead(cfg);
}

export function ecgMlpWidth(cfg: EcgConfig): number {
  return Math.round(cfg.dim * cfg.mlpRatio);
}

export function checkEcgConfig(cfg: EcgConfig): void {
  if (!Number.isInteger(cfg.samples / cfg.patchSize)) throw new Error(`EcgConfig: ${cfg.samples} samples do not split into patches of ${cfg.patchSize}`);
  if (cfg.dim % 4 !== 0) throw new Error(`EcgConfig: dim ${cfg.dim} must be divisible by 4 (2-D sin-cos positions)`);
  if (cfg.dim % cfg.numHeads !== 0) throw new Error(`EcgConfig: dim ${cfg.dim} not divisible by ${cfg.numHeads} heads`);
}
