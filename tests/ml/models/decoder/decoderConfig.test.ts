import { describe, expect, it } from 'vitest';
import {
  assertDecoderWeights,
  decoderParameterSpecs,
  defineDecoderConfig,
  initDecoderWeights,
  QWEN2_5_VL_7B_DECODER,
  scaledMropeSection,
} from '../../../../src-main/ml/models/decoder/index.js';
import { tinyConfig } from './harness/tinyDecoder.js';

const count = (dims: readonly number[]): number => dims.reduce((n, d) => n * d, 1);

describe('DecoderConfig', () => {
  it('defaults to Qwen2.5-VL-7B, whose language model has the published 7.61B parameters (6.53B non-embedding)', () => {
    expect(defineDecoderConfig()).toEqual(QWEN2_5_VL_7B_DECODER);
    const specs = decoderParameterSpecs(QWEN2_5_VL_7B_DECODER);
    const total = specs.reduce((n, s) => n + count(s.dims), 0);
    const embedding = specs.filter((s) => s.name === 'model.embed_tokens.weight' || s.name === 'lm_head.weight').reduce((n, s) => n + count(s.dims), 0);
    expect(total).toBe(7_615_616_512); // the Qwen2-7B / Qwen2.5-7B checkpoint size ("7.61B" in the model cards)
    expect(Math.round((total - embedding) / 1e7) / 100).toBe(6.53);
    expect(specs).toHaveLength(1 + 28 * 12 + 2);
  });

  it('derives head dim and the M-RoPE split for small models, like HF', () => {
    const c = tinyConfig('float32');
    expect(c.headDim).toBe(8);
    expect(c.mropeSection).toEqual([1, 1, 2]);
    expect(scaledMropeSection(128)).toEqual([16, 24, 24]);
    expect(scaledMropeSection(64)).toEqual([8, 12, 12]);
    for (const dh of [2, 4, 6, 8, 12, 16, 80, 128]) expect(scaledMropeSection(dh).reduce((a, b) => a + b)).toBe(dh / 2);
  });

  it('refuses inconsistent configs, naming every problem', () => {
    expect(() => defineDecoderConfig({ hiddenSize: 32, numHeads: 4, numKvHeads: 3, mropeSection: [1, 1, 1] })).toThrow(
      /numHeads 4 is not a multiple of numKvHeads 3[\s\S]*mropeSection \[1, 1, 1\] must sum to headDim \/ 2 = 4/,
    );
    expect(() => defineDecoderConfig({ hiddenSize: 30, numHeads: 4 })).toThrow('headDim must be a positive integer');
    expect(() => defineDecoderConfig({ headDim: 6, hiddenSize: 24, numHeads: 4, numKvHeads: 2 })).not.toThrow();
  });
});

describe('initDecoderWeights', () => {
  const config = tinyConfig('float32');

  it('fills every HF parameter in the config dtype: normal matrices, zero biases, unit norms', () => {
    const weights = initDecoderWeights(config, 7);
    expect(() => assertDecoderWeights(config, weights)).not.toThrow();
    expect(weights['model.layers.0.self_attn.q_proj.bias']?.data.every((v) => v === 0)).toBe(true);
    expect(weights['model.norm.weight']?.data.every((v) => v === 1)).toBe(true);
    const table = Array.from(weights['model.embed_tokens.weight']?.data ?? []);
    const mean = table.reduce((a, b) => a + b, 0) / table.length;
    const std = Math.sqrt(table.reduce((a, b) => a + (b - mean) ** 2, 0) / table.length);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std).toBeGreaterThan(0.019);
    expect(std).toBeLessThan(0.021);
    const f64 = initDecoderWeights({ ...config, dtype: 'float64' }, 7);
    expect(f64['model.norm.weight']?.data).toBeInstanceOf(Float64Array);
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const [a, b, c] = [initDecoderWeights(config, 7), initDecoderWeights(config, 7), initDecoderWeights(config, 8)];
    const name = 'model.layers.1.mlp.down_proj.weight';
    expect(a[name]?.data).toEqual(b[name]?.data);
    expect(a[name]?.data).not.toEqual(c[name]?.data);
  });

  it('assertDecoderWeights lists missing, mis-shaped and unexpected parameters', () => {
    const good = initDecoderWeights(config, 1);
    const { ['model.layers.1.mlp.up_proj.weight']: _gone, ...rest } = good;
    const bad = { ...rest, 'model.norm.weight': { dims: [31], data: new Float32Array(31) }, 'lm_head.bias': { dims: [64], data: new Float32Array(64) } };
    expect(() => assertDecoderWeights(config, bad)).toThrow(
      /missing 'model.layers.1.mlp.up_proj.weight'[\s\S]*'model.norm.weight' is \[31\], expected \[32\][\s\S]*unexpected 'lm_head.bias'/,
    );
  });
});
