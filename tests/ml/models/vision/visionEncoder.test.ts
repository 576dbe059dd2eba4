import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../../../src-main/ml/graph/index.js';
import {
  buildVisionEncoder, checkVisionConfig, initVisionWeights, patchVectorLength, QWEN25_VL_7B_VISION, VISION_ENCODER_IO, visionParamSpecs,
  type VisionConfig,
} from '../../../../src-main/ml/models/vision/index.js';
import { expectClose } from '../../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../../graph/reference/rng.js';
import { asFloat64, outputOf, referenceWeights, runEncoder } from './harness/runEncoder.js';
import { visionReference, type RefVisionConfig } from './reference/visionReference.js';

// Tiny tower: block 0 windowed (28-px window = one 2×2 merge unit), block 1 full-frame attention.
const tiny: VisionConfig = {
  patchSize: 14, temporalPatchSize: 2, inChannels: 3, hiddenSize: 16, depth: 2, numHeads: 2, intermediateSize: 24,
  spatialMergeSize: 2, outHiddenSize: 12, windowSize: 28, fullAttentionBlocks: [1], ropeTheta: 10000, rmsNormEps: 1e-6, dtype: 'float32',
};

const refConfig = (cfg: VisionConfig): RefVisionConfig => ({
  patchDim: patchVectorLength(cfg), hidden: cfg.hiddenSize, depth: cfg.depth, heads: cfg.numHeads, ffn: cfg.intermediateSize,
  merge: cfg.spatialMergeSize, outHidden: cfg.outHiddenSize, windowSize: cfg.windowSize, patchSize: cfg.patchSize,
  fullAttentionBlocks: cfg.fullAttentionBlocks, theta: cfg.ropeTheta, eps: cfg.rmsNormEps,
});

const weights32 = initVisionWeights(tiny, 1234);
const weights64 = asFloat64(weights32);

async function encode(cfg: VisionConfig, pixels: number[], grid: readonly [number, number, number]) {
  const graph = buildVisionEncoder(cfg, cfg.dtype === 'float32' ? weights32 : weights64);
  const n = grid[0] * grid[1] * grid[2];
  const data = cfg.dtype === 'float32' ? Float32Array.from(pixels) : Float64Array.from(pixels);
  const out = await runEncoder(graph, {
    [VISION_ENCODER_IO.pixelValues]: { type: cfg.dtype, dims: [n, patchVectorLength(cfg)], data },
    [VISION_ENCODER_IO.gridThw]: { type: 'int64', dims: [1, 3], data: BigInt64Array.from(grid.map(BigInt)) },
  });
  return outputOf(out, VISION_ENCODER_IO.imageFeatures);
}

describe('vision encoder graph', () => {
  it('has exactly the published I/O names and validates', () => {
    const graph = buildVisionEncoder(tiny, weights32);
    expect(validateGraph(graph)).toEqual([]);
    expect(graph.inputs.map((t) => [t.name, t.dtype, t.shape])).toEqual([
      ['pixel_values', 'float32', ['num_patches', 1176]],
      ['grid_thw', 'int64', ['num_images', 3]],
    ]);
    expect(graph.outputs.map((t) => [t.name, t.dtype, t.shape])).toEqual([['image_features', 'float32', ['num_tokens', 12]]]);
    expect(graph.initializers.map((i) => i.tensor.name)).toContain('visual.blocks.1.attn.qkv.weight');
    expect(graph.initializers.map((i) => i.tensor.name)).toContain('visual.merger.mlp.2.bias');
  });

  // (1, 2, 2): 28×28 image, one token. (1, 4, 2): 56×28, two windows. (1, 4, 6) with 56-px windows:
  // windows cut through the 3-unit-wide grid. (2, 2, 4): two temporal patches, attention per frame.
  const cases: [string, readonly [number, number, number], Partial<VisionConfig>][] = [
    ['28×28', [1, 2, 2], {}],
    ['56×28', [1, 4, 2], {}],
    ['56×84, 56-px windows', [1, 4, 6], { windowSize: 56 }],
    ['two frames', [2, 2, 4], {}],
    ['no windowed block (Qwen2-VL style)', [1, 4, 2], { fullAttentionBlocks: [0, 1] }],
  ];
  for (const [name, grid, overrides] of cases) {
    // float64 is bounded by GELU's erf, which runs in float32 (ORT has no float64 Erf): ~1e-8 seen.
    for (const [dtype, tolerance] of [['float32', 1e-4], ['float64', 1e-7]] as const) {
      it(`matches the float64 reference for ${name} in ${dtype} (≤ ${tolerance} relative)`, async () => {
        const cfg = { ...tiny, ...overrides, dtype };
        const n = grid[0] * grid[1] * grid[2];
        const pixels = uniform(seededRandom(n + 7), n * patchVectorLength(cfg), -1, 1);
        const want = visionReference(refConfig(cfg), referenceWeights(weights32), Float64Array.from(pixels), grid);
        const got = await encode(cfg, pixels, grid);
        expect(got.dims).toEqual([n / 4, cfg.outHiddenSize]);
        expectClose(got.data, want, tolerance);
      });
    }
  }

  it('window attention matters: the windowed and all-full towers differ on a two-window image', async () => {
    const grid = [1, 4, 2] as const;
    const pixels = uniform(seededRandom(99), 8 * 1176, -1, 1);
    const windowed = await encode(tiny, pixels, grid);
    const full = await encode({ ...tiny, fullAttentionBlocks: [0, 1] }, pixels, grid);
    expect(Math.max(...[...windowed.data].map((v, i) => Math.abs(Number(v) - Number(full.data[i]))))).toBeGreaterThan(1e-3);
  });

  it('accepts the real Qwen2.5-VL-7B config, with unique HF-named weights', () => {
    expect(() => checkVisionConfig(QWEN25_VL_7B_VISION)).not.toThrow();
    const names = visionParamSpecs(QWEN25_VL_7B_VISION).map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(1 + 32 * 12 + 5);
    expect(() => checkVisionConfig({ ...tiny, windowSize: 42 })).toThrow(/windowSize/);
  });

  it('rejects weights with the wrong shape, naming the tensor', () => {
    const bad = new Map(weights32);
    // (in, out) instead of HF's (out, in): what a loader that transposed by mistake would hand over.
    bad.set('visual.blocks.0.attn.qkv.weight', { dtype: 'float32', dims: [16, 48], data: new Float32Array(768) });
    expect(() => buildVisionEncoder(tiny, bad)).toThrow(/visual\.blocks\.0\.attn\.qkv\.weight/);
  });
});
