import { GraphBuilder, add, assertValidGraph, constant, reduceMean, reshape, type Graph } from '../../graph/index.js';
import { addWeight } from '../vision/addWeight.js';
import type { Weights } from '../vision/initParams.js';
import { linearOutIn } from '../../graph/index.js';
import { checkEcgConfig, ecgPatchesPerLead, ecgTokenCount, type EcgConfig } from './EcgConfig.js';
import { ecgAttentionMask } from './ecgAttentionMask.js';
import { ecgBlock } from './ecgBlock.js';
import { layerNorm } from './layerNorm.js';
import { sincosPositions } from './sincosPositions.js';

/** I/O names of ecg_encoder.onnx (a project-defined layout: no public ONNX export exists). */
export const ECG_ENCODER_IO = {
  ecg: 'ecg', // (batch, leads, samples) float, leads I, II, V1–V6, z-scored per lead
  ecgFeatures: 'ecg_features', // (batch, outHiddenSize): one vector per record, for <|time_series_pad|>
} as const;

/**
 * ECG-JEPA's encoder (MaskTransformer.representation) plus QoQ-Med's linear projection:
 * split each lead into P patches of `patchSize` samples (token lead·P + p), embed linearly, run `depth`
 * blocks with attention restricted to same-lead or same-time-patch tokens, LayerNorm, mean over all
 * tokens, project to the LLM width. As in ECG-JEPA's Encoder_Block, the fixed 2-D sin-cos positions
 * are added to the residual stream before EVERY block, not once after the embedding.
 */
export function buildEcgEncoder(cfg: EcgConfig, weights: Weights): Graph {
  checkEcgConfig(cfg);
  const { dim: d, dtype } = cfg;
  const n = ecgTokenCount(cfg);
  const g = new GraphBuilder('ecg_encoder');
  const w = (name: string, dims: readonly number[]) => addWeight(g, weights, name, dims, dtype);
  const ecg = g.input(ECG_ENCODER_IO.ecg, dtype, ['batch', cfg.leads, cfg.samples]); // (B, L, S)

  const patches = reshape(g, ecg, ['batch', n, cfg.patchSize]); // (B, L·P, patch): lead-major tokens
  let x = linearOutIn(g, patches, w('ecg_encoder.W_P.weight', [d, cfg.patchSize]), w('ecg_encoder.W_P.bias', [d])); // (B, N, D)
  const positions = sincosPositions(d, cfg.leads, ecgPatchesPerLead(cfg)); // (N, D) float64
  const pos = constant(g, { dtype, dims: [n, d], data: dtype === 'float32' ? Float32Array.from(positions) : positions }, 'ecg_pos_embed'); // (N, D)
  const mask = ecgAttentionMask(g, cfg); // (N, N)
  for (let i = 0; i < cfg.depth; i++) x = ecgBlock(g, cfg, weights, i, add(g, x, pos), mask);

  const normed = layerNorm(g, x, w('ecg_encoder.norm.weight', [d]), w('ecg_encoder.norm.bias', [d]), cfg.layerNormEps); // (B, N, D)
  const pooled = reduceMean(g, normed, [1], false); // (B, D)
  const features = linearOutIn(g, pooled, w('ecg_projection.weight', [cfg.outHiddenSize, d]), w('ecg_projection.bias', [cfg.outHiddenSize]));
  g.output(features, ECG_ENCODER_IO.ecgFeatures, ['batch', cfg.outHiddenSize]);
  return assertValidGraph(g.build());
}
