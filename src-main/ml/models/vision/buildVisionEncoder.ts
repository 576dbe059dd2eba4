import { GraphBuilder, assertValidGraph, reshape, unsqueeze, type Graph } from '../../graph/index.js';
import { addWeight } from './addWeight.js';
import type { Weights } from './initParams.js';
import { linearOutIn } from '../../graph/index.js';
import { patchCoordinates } from './patchCoordinates.js';
import { patchMerger } from './patchMerger.js';
import { visionAttentionMasks } from './visionAttentionMasks.js';
import { visionBlock } from './visionBlock.js';
import { checkVisionConfig, patchVectorLength, visionHeadDim, windowPatches, type VisionConfig } from './VisionConfig.js';
import { visionRotary } from './visionRotary.js';

/** I/O names of vision_encoder.onnx (transformers.js / onnx-community layout). */
export const VISION_ENCODER_IO = {
  pixelValues: 'pixel_values', // (num_patches, 1176) float, rows in patchOrder
  gridThw: 'grid_thw', // (num_images, 3) int64; only row 0 is read: ONE image (or video) per call
  imageFeatures: 'image_features', // (num_tokens = num_patches / 4, outHiddenSize)
} as const;

/**
 * The Qwen2.5-VL vision tower as a graph: patch embedding (Conv3d with kernel = stride, i.e. a linear
 * 1176 → C), `depth` blocks with 2-D rotary and window / full-frame attention, then the patch merger.
 *
 * One image per call: positions and masks come from grid_thw's first row. Several images need one call
 * each (concatenating the features in prompt order); batching them would need a per-image
 * block-diagonal mask, i.e. a cumulative sum over grid_thw that the graph does not compute.
 */
export function buildVisionEncoder(cfg: VisionConfig, weights: Weights): Graph {
  checkVisionConfig(cfg);
  const { dtype, hiddenSize: c } = cfg;
  const g = new GraphBuilder('vision_encoder');
  const pixels = g.input(VISION_ENCODER_IO.pixelValues, dtype, ['num_patches', patchVectorLength(cfg)]); // (N, 1176)
  const gridThw = g.input(VISION_ENCODER_IO.gridThw, 'int64', ['num_images', 3]); // (I, 3)

  // Conv3d with kernel = stride over a patch flattened (channel, temporal, row, col) is exactly a
  // linear map by the kernel flattened the same way: (C, 3, 2, 14, 14) → (C, 1176).
  const conv = addWeight(g, weights, 'visual.patch_embed.proj.weight', [c, cfg.inChannels, cfg.temporalPatchSize, cfg.patchSize, cfg.patchSize], dtype);
  const embedWeight = reshape(g, conv, [c, patchVectorLength(cfg)]); // (C, 1176)
  let x = unsqueeze(g, linearOutIn(g, pixels, embedWeight), [0]); // (1, N, C): the DSL's heads helpers want a batch axis

  const coords = patchCoordinates(g, pixels, gridThw, cfg.spatialMergeSize);
  const rope = visionRotary(g, coords, visionHeadDim(cfg), cfg.ropeTheta, dtype); // (1, N, D)
  const masks = visionAttentionMasks(g, coords, windowPatches(cfg), dtype); // (N, N) each
  for (let i = 0; i < cfg.depth; i++) {
    x = visionBlock(g, cfg, weights, i, x, rope, cfg.fullAttentionBlocks.includes(i) ? masks.full : masks.window);
  }
  g.output(patchMerger(g, cfg, weights, x), VISION_ENCODER_IO.imageFeatures, ['num_tokens', cfg.outHiddenSize]);
  return assertValidGraph(g.build());
}
