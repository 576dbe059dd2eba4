/**
 * packMultimodalBatch by hand: positions continue after the prompt at t + ropeDelta on all three axes,
 * media rows land at their pad positions with mask 1, filler rows get text positions and no media.
 */
import { describe, expect, it } from 'vitest';
import { defineDecoderConfig, POSITION_IDS } from '../../../src-main/ml/models/decoder/index.js';
import { MEDIA_INPUTS, multimodalSampleFrom, packMultimodalBatch, TRAIN_INPUTS } from '../../../src-main/ml/train/index.js';

const config = defineDecoderConfig({ vocabSize: 16, hiddenSize: 4, numLayers: 1, numHeads: 2, numKvHeads: 1, intermediateSize: 8, dtype: 'float32' });
const PAD = 9; // the image-pad id of this toy prompt

describe('packMultimodalBatch', () => {
  it('packs one image prompt + response into a batch of 2 (second row filler)', () => {
    // Prompt [1, PAD, PAD, 2] with a 1×2 image grid at positions 1–2: t/h/w = [0,1,1,2] / [0,1,1,2] / [0,1,2,3], delta −1.
    const embeds = Float32Array.from({ length: 4 * 4 }, (_, i) => i + 1); // row p = [4p+1 … 4p+4]
    const prompt = { tokenIds: [1, PAD, PAD, 2], embeds, positions: [[0, 1, 1, 2], [0, 1, 1, 2], [0, 1, 2, 3]] as [number[], number[], number[]], ropeDelta: -1 };
    const sample = multimodalSampleFrom(prompt, [5, 6], [PAD], 4);
    expect(sample.mediaPositions).toEqual([1, 2]);
    expect(Array.from(sample.mediaRows)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);

    const feeds = packMultimodalBatch(config, [sample], 2, 8, 0);
    const positions = Array.from(feeds[POSITION_IDS]!.data as BigInt64Array, Number);
    // Row 0: prompt positions, then t − 1 for t = 4..7; row 1 (filler): 0..7. Axis-major (3, B, S).
    expect(positions.slice(0, 16)).toEqual([0, 1, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(positions.slice(16, 24)).toEqual([0, 1, 1, 2, 3, 4, 5, 6]);
    expect(positions.slice(32, 40)).toEqual([0, 1, 2, 3, 3, 4, 5, 6]);
    expect(Array.from(feeds[MEDIA_INPUTS.mask]!.data as Float32Array)).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const media = feeds[MEDIA_INPUTS.embeds]!.data as Float32Array;
    expect(Array.from(media.subarray(4, 12))).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(media.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0)).toBe(8);
    // Loss on the targets 5, 6 (predicted at t = 3, 4), nothing else.
    expect(Array.from(feeds[TRAIN_INPUTS.responseMask]!.data as Float32Array).slice(0, 8)).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
  });
});
