import type { DecoderConfig } from '../models/decoder/index.js';
import type { HostTensor } from '../ort/index.js';
import { TRAIN_INPUTS } from './graphNames.js';
import { decoderBatchFeeds, float32Tensor, int64Tensor } from './hostTensors.js';

/** One training sequence: a prompt and the response the loss is taken on. */
export interface PromptResponse {
  readonly promptIds: readonly number[];
  readonly responseIds: readonly number[];
}

/** Sequence length rounded up to a multiple of `multiple`, so a run needs few distinct graphs. */
export function bucketLength(length: number, multiple: number): number {
  return Math.max(multiple, Math.ceil(length / multiple) * multiple);
}

export const sequenceLength = (s: PromptResponse): number => s.promptIds.length + s.responseIds.length;

/**
 * Feeds for `rows` packed into a (batch, seqLen) bucket, right-padded with `padId`:
 *  - target_ids[t] = ids[t + 1] (the logits at t predict the next token);
 *  - response_mask[t] = 1 where that target is a response token, so the prompt is never trained on;
 *  - attention_mask is 1 on real tokens. Rows beyond `rows.length` are filler: fully attended
 *    (an all-masked row would softmax over nothing and turn NaN) but masked out of the loss.
 */
export function packBatch(config: DecoderConfig, rows: readonly PromptResponse[], batch: number, seqLen: number, padId: number): Record<string, HostTensor> {
  if (rows.length > batch) throw new Error(`packBatch: ${rows.length} rows do not fit a batch of ${batch}`);
  const ids = new Array<number>(batch * seqLen).fill(padId);
  const attention = new Array<number>(batch * seqLen).fill(1);
  const targets = new Array<number>(batch * seqLen).fill(padId);
  const responseMask = new Float32Array(batch * seqLen);
  rows.forEach((row, b) => {
    const tokens = [...row.promptIds, ...row.responseIds];
    if (tokens.length > seqLen) throw new Error(`packBatch: a sequence of ${tokens.length} tokens exceeds the bucket length ${seqLen}`);
    if (row.promptIds.length === 0) throw new Error('packBatch: empty prompt (the first response token needs a position to be predicted from)');
    tokens.forEach((id, t) => (ids[b * seqLen + t] = id));
    for (let t = tokens.length; t < seqLen; t++) attention[b * seqLen + t] = 0;
    for (let t = 0; t + 1 < tokens.length; t++) {
      targets[b * seqLen + t] = tokens[t + 1] as number;
      if (t + 1 >= row.promptIds.length) responseMask[b * seqLen + t] = 1;
    }
  });
  return {
    ...decoderBatchFeeds(config, batch, seqLen, ids, attention),
    [TRAIN_INPUTS.targetIds]: int64Tensor([batch, seqLen], targets),
    [TRAIN_INPUTS.responseMask]: float32Tensor([batch, seqLen], responseMask),
  };
}
