import type { DType } from '../../graph/index.js';
import { scaledMropeSection } from './scaledMropeSection.js';

/** Float types a decoder is built in. float64 exists for reference parity and gradient checks. */
export type DecoderDType = Extract<DType, 'float32' | 'float64'>;

/**
 * Size and numerics of a Qwen2-family decoder-only LM (the language half of Qwen2.5-VL, hence of
 * QoQ-Med). Each field mirrors one Hugging Face config key, named in its comment, so a checkpoint's
 * config.json maps onto it field by field.
 */
export interface DecoderConfig {
  readonly vocabSize: number; // vocab_size: rows of the embedding table and of lm_head
  readonly hiddenSize: number; // hidden_size: D, the residual-stream width
  readonly numLayers: number; // num_hidden_layers
  readonly numHeads: number; // num_attention_heads: H query heads
  readonly numKvHeads: number; // num_key_value_heads: KV heads (GQA), H must be a multiple
  readonly headDim: number; // hidden_size / num_attention_heads in Qwen2; Dh, even (rotate-half RoPE)
  readonly intermediateSize: number; // intermediate_size: F, the SwiGLU width
  readonly rmsNormEps: number; // rms_norm_eps
  readonly ropeTheta: number; // rope_theta: base of the rotary frequencies
  /** rope_scaling.mrope_section: [t, h, w] split of the rotary half-dim Dh/2 (sums to Dh/2). */
  readonly mropeSection: readonly [number, number, number];
  readonly tieWordEmbeddings: boolean; // tie_word_embeddings: lm_head = embed_tokensᵀ (3B: true, 7B: false)
  readonly dtype: DecoderDType; // storage and compute type of weights and activations
}

/** QoQ-Med-VL-7B's language model = Qwen2.5-VL-7B-Instruct's text config. */
export const QWEN2_5_VL_7B_DECODER: DecoderConfig = {
  vocabSize: 152064, // the tokenizer's 151665 ids, padded up for the matmul kernels
  hiddenSize: 3584,
  numLayers: 28,
  numHeads: 28,
  numKvHeads: 4,
  headDim: 128,
  intermediateSize: 18944,
  rmsNormEps: 1e-6,
  ropeTheta: 1_000_000,
  mropeSection: [16, 24, 24],
  tieWordEmbeddings: false,
  dtype: 'float32',
};

/**
 * The 7B config with `overrides` applied. Like HF, a head dim that is not given is derived as
 * hiddenSize / numHeads, and an M-RoPE split that is not given is the 7B one scaled to that head dim,
 * so a tiny test model needs only its sizes. Throws on an inconsistent result.
 */
export function defineDecoderConfig(overrides: Partial<DecoderConfig> = {}): DecoderConfig {
  const base = { ...QWEN2_5_VL_7B_DECODER, ...overrides };
  const headDim = overrides.headDim ?? base.hiddenSize / base.numHeads;
  const config: DecoderConfig = { ...base, headDim, mropeSection: overrides.mropeSection ?? scaledMropeSection(headDim) };
  assertValidDecoderConfig(config);
  return config;
}

/** Throws listing every inconsistency; the graph builders call it so a bad config fails by name. */
export function assertValidDecoderConfig(c: DecoderConfig): void {
  const problems: string[] = [];
  const sizes = ['vocabSize', 'hiddenSize', 'numLayers', 'numHeads', 'numKvHeads', 'headDim', 'intermediateSize'] as const;
  for (const key of sizes) {
    if (!Number.isInteger(c[key]) || c[key] <= 0) problems.push(`${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.headDim % 2 !== 0) problems.push(`headDim ${c.headDim} must be even (rotate-half RoPE)`);
  if (c.numHeads % c.numKvHeads !== 0) problems.push(`numHeads ${c.numHeads} is not a multiple of numKvHeads ${c.numKvHeads}`);
  const section = c.mropeSection;
  if (section.length !== 3 || section.some((s) => !Number.isInteger(s) || s < 0)) {
    problems.push(`mropeSection must be three non-negative integers, got [${section.join(', ')}]`);
  } else if (section[0] + section[1] + section[2] !== c.headDim / 2) {
    problems.push(`mropeSection [${section.join(', ')}] must sum to headDim / 2 = ${c.headDim / 2}`);
  }
  if (!(c.rmsNormEps > 0)) problems.push(`rmsNormEps must be > 0, got ${c.rmsNormEps}`);
  if (!(c.ropeTheta > 0)) problems.push(`ropeTheta must be > 0, got ${c.ropeTheta}`);
  if (c.dtype !== 'float32' && c.dtype !== 'float64') problems.push(`dtype must be float32 or float64, got ${String(c.dtype)}`);
  if (problems.length > 0) throw new Error(`Invalid DecoderConfig:\n- ${problems.join('\n- ')}`);
}
