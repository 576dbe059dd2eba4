import type { DType } from '../../graph/index.js';

/** Size of a Qwen2.5-VL vision tower. Plain data, like nanoGPT's GPTConfig. */
export interface VisionConfig {
  readonly patchSize: number; // 14: pixels per patch side
  readonly temporalPatchSize: number; // 2: frames per patch (a still image is repeated to 2 frames)
  readonly inChannels: number; // 3: RGB
  readonly hiddenSize: number; // C: ViT width (1280 in Qwen2.5-VL)
  readonly depth: number; // number of ViT blocks (32)
  readonly numHeads: number; // H (16); head dim = C / H, must be divisible by 4 for the 2-D rotary split
  readonly intermediateSize: number; // F: SwiGLU width (3420 in Qwen2.5-VL-7B)
  readonly spatialMergeSize: number; // 2: a 2×2 patch window becomes one LLM token
  readonly outHiddenSize: number; // LLM hidden size (3584 for the 7B LLM)
  /** Window-attention side in pixels (112); a multiple of patchSize·spatialMergeSize. */
  readonly windowSize: number;
  /**
   * Blocks that attend over the whole frame; every other block attends inside its window.
   * Qwen2.5-VL-7B: [7, 15, 23, 31]. Listing every block gives the Qwen2-VL behaviour (no windows).
   */
  readonly fullAttentionBlocks: readonly number[];
  readonly ropeTheta: number; // 10000
  readonly rmsNormEps: number; // 1e-6
  readonly dtype: Extract<DType, 'float32' | 'float64'>;
}

/** Qwen2.5-VL-7B-Instruct's vision tower (the QoQ-Med-7B base). */
export const QWEN25_VL_7B_VISION: VisionConfig = {
  patchSize: 14,
  temporalPatchSize: 2,
  inChannels: 3,
  hiddenSize: 1280,
  depth: 32,
  numHeads: 16,
  intermediateSize: 3420,
  spatialMergeSize: 2,
  outHiddenSize: 3584,
  windowSize: 112,
  fullAttentionBlocks: [7, 15, 23, 31],
  ropeTheta: 10000,
  rmsNormEps: 1e-6,
  dtype: 'float32',
};

/** Length of one flattened patch: channel × temporal × row × col (1176 for 3·2·14·14). */
export function patchVectorLength(cfg: VisionConfig): number {
  return cfg.inChannels * cfg.temporalPatchSize * cfg.patchSize * cfg.patchSize;
}

export function visionHeadDim(cfg: VisionConfig): number {
  return cfg.hiddenSize / cfg.numHeads;
}

/** Side of an attention window counted in patches (112 / 14 = 8). */
export function windowPatches(cfg: VisionConfig): number {
  return cfg.windowSize / cfg.patchSize;
}

/** Throws on a config the graph cannot be built for, naming the violated constraint. */
export function checkVisionConfig(cfg: VisionConfig): void {
  const headDim = visionHeadDim(cfg);
  if (!Number.isInteger(headDim) || headDim % 4 !== 0) {
    throw new Error(`VisionConfig: head dim ${cfg.hiddenSize}/${cfg.numHeads} must be an integer divisible by 4`);
  }
  if (cfg.windowSize % (cfg.patchSize * cfg.spatialMergeSize) !== 0) {
    throw new Error(`VisionConfig: windowSize ${cfg.windowSize} must be a multiple of ${cfg.patchSize * cfg.spatialMergeSize}`);
  }
  const bad = cfg.fullAttentionBlocks.filter((b) => !Number.isInteger(b) || b < 0 || b >= cfg.depth);
  if (bad.length > 0) throw new Error(`VisionConfig: fullAttentionBlocks ${bad.join(', ')} outside 0..${cfg.depth - 1}`);
}
