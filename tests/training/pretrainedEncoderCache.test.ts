/**
 * The build's pre-trained-encoder cache: weights come back bit-identical under the same settings, and
 * not at all under different ones (a stale cache must never stand in for a changed pre-training).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TensorData } from '../../src-main/ml/graph/types';
import { loadPretrainedEncoders, pretrainingKey, savePretrainedEncoders } from '../../src-main/training/defaultModel/pretrainedEncoderCache';
import { makeTempDir } from '../helpers/tempDir';

const tensor = (dims: number[], fill: (i: number) => number): TensorData => ({ dtype: 'float32', dims, data: Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => fill(i)) });

describe('pretrained encoder cache', () => {
  it('returns the saved weights and split counts under the same key, nothing under another', async () => {
    const tmp = makeTempDir('encoder-cache');
    try {
      const dir = path.join(tmp.dir, 'encoders-pretrained');
      // The same tensor name in both encoders must not collide.
      const vision = new Map([['proj.weight', tensor([2, 3], (i) => i / 7 - 0.3)], ['proj.bias', tensor([2], (i) => -i)]]);
      const ecg = new Map([['proj.weight', tensor([3, 2], (i) => Math.fround(1e-7 * (i + 1)))]]);
      const key = pretrainingKey({ steps: 48_000, domainWeights: { ct: 3, mammography: 7 } });
      await savePretrainedEncoders(dir, key, { vision, ecg, counts: { images: 4500, ecg: 600 } });

      const loaded = loadPretrainedEncoders(dir, key);
      expect(loaded).not.toBeNull();
      expect(loaded!.counts).toEqual({ images: 4500, ecg: 600 });
      expect([...loaded!.vision.keys()]).toEqual(['proj.weight', 'proj.bias']);
      expect(loaded!.vision.get('proj.weight')!.dims).toEqual([2, 3]);
      expect(loaded!.vision.get('proj.weight')!.data).toEqual(vision.get('proj.weight')!.data);
      expect(loaded!.ecg.get('proj.weight')!.data).toEqual(ecg.get('proj.weight')!.data);

      expect(loadPretrainedEncoders(dir, pretrainingKey({ steps: 36_000, domainWeights: { ct: 3, mammography: 7 } }))).toBeNull();
      expect(loadPretrainedEncoders(path.join(tmp.dir, 'nothing-here'), key)).toBeNull();
    } finally {
      tmp.cleanup();
    }
  });

  it('keys settings by content, not by the order their keys were written in', () => {
    expect(pretrainingKey({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(pretrainingKey({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(pretrainingKey({ b: { c: [2, 1] } })).not.toBe(pretrainingKey({ b: { c: [1, 2] } }));
  });
});
