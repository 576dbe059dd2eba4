import type { DecoderConfig } from '../models/decoder/index.js';
import { POSITION_IDS } from '../models/decoder/index.js';
import type { HostTensor } from '../ort/index.js';
import { MEDIA_INPUTS } from './graphNames.js';
import { float32Tensor, int64Tensor } from './hostTensors.js';
import type { MultimodalSample } from './multimodalSample.js';
import { packBatch } from './packBatch.js';

/**
 * packBatch's feeds (ids, attention mask, shifted targets, response mask) for multimodal rows, plus:
 *  - position_ids (3, B, S): the prompt's M-RoPE positions, then t + ropeDelta on all three axes for
 *    every later index t — what the runtime's decode steps give each generated token;
 *  - media_embeds (B, S, D) / media_mask (B, S, 1): the encoder rows at their pad positions.
 * Filler rows keep plain text positions and no media.
 */
export function packMultimodalBatch(config: DecoderConfig, rows: readonly MultimodalSample[], batch: number, seqLen: number, padId: number): Record<string, HostTensor> {
  const feeds = packBatch(config, rows, batch, seqLen, padId);
  const hidden = config.hiddenSize;
  const positions = Array.from({ length: 3 * batch * seqLen }, (_, i) => i % seqLen); // (3, B, S)
  const media = new Float32Array(batch * seqLen * hidden); // (B, S, D)
  const mask = new Float32Array(batch * seqLen); // (B, S, 1)
  rows.forEach((row, b) => {
    const prompt = row.promptIds.length;
    for (let axis = 0; axis < 3; axis++) {
      const at = (t: number): number => (axis * batch + b) * seqLen + t;
      const given = row.promptPositions[axis] as readonly number[];
      if (given.length !== prompt) throw new Error(`packMultimodalBatch: ${given.length} positions for a prompt of ${prompt} tokens`);
      for (let t = 0; t < seqLen; t++) positions[at(t)] = t < prompt ? (given[t] as number) : t + row.ropeDelta;
    }
    row.mediaPositions.forEach((t, k) => {
      media.set(row.mediaRows.subarray(k * hidden, (k + 1) * hidden), (b * seqLen + t) * hidden);
      mask[b * seqLen + t] = 1;
    });
  });
  return {
    ...feeds,
    [POSITION_IDS]: int64Tensor([3, batch, seqLen], positions),
    [MEDIA_INPUTS.embeds]: float32Tensor([batch, seqLen, hidden], media),
    [MEDIA_INPUTS.mask]: float32Tensor([batch, seqLen, 1], mask),
  };
}
