import type { StepFn } from '../generation/index.js';
import { INPUT_IDS, INPUTS_EMBEDS } from '../models/decoder/index.js';
import { decodePositionIds } from '../prompt/index.js';
import { decoderFeeds, lastPositionLogits, presentsAsPast, tileCache, tileRows, type KvCache } from './decoderFeeds.js';
import { float32Output, int64Tensor } from './hostTensors.js';
import type { LoadedModel } from './LoadedModel.js';
import type { PreparedPrompt } from './preparePrompt.js';

/**
 * The model as `generate` sees it: one StepFn that owns the KV cache.
 * - (5) Prefill: the whole prompt once at batch 1 with an empty cache; its last logits and cache are
 *   then repeated to the G rows.
 * - (6) Decode: each row's latest token through embed_tokens, at position cache length + rope delta on
 *   all three axes (generated tokens are text), attending over the whole cache; present.* becomes the
 *   next past. Finished rows keep decoding the pad id: their slot stays in the batch, their output is ignored.
 */
export function createKvCacheStep(model: LoadedModel, prompt: PreparedPrompt, rows: number): StepFn {
  const config = model.architecture.decoder;
  const { embedTokens, decoder } = model.sessions;
  let cache: KvCache | null = null;
  let length = 0; // tokens in the cache

  return async (input) => {
    if (input.isPrefill) {
      const seq = prompt.tokenIds.length;
      const out = await decoder.run(
        decoderFeeds(config, { batch: 1, seq, embeds: prompt.embeds, positions: prompt.positions.flat(), past: null, pastLength: 0 }),
      );
      const logits = lastPositionLogits(out); // (1, V)
      cache = tileCache(presentsAsPast(config, out), rows);
      length = seq;
      return tileRows(logits, rows); // (G, V)
    }

    const ids = input.tokenIds;
    if (ids === null || ids.length !== rows || cache === null) throw new Error(`decode step needs ${rows} token ids after a prefill`);
    const embedded = await embedTokens.run({ [INPUT_IDS]: int64Tensor([rows, 1], ids) });
    const embeds = float32Output(embedded, INPUTS_EMBEDS).data; // (G, 1, D)
    // (3, G, 1): a generated token is text, so all three M-RoPE axes carry the same position.
    const positions = new Array<number>(3 * rows).fill(decodePositionIds(length, prompt.ropeDelta)[0][0]!);
    const out = await decoder.run(decoderFeeds(config, { batch: rows, seq: 1, embeds, positions, past: cache, pastLength: length }));
    const logits = lastPositionLogits(out); // (G, V)
    cache = presentsAsPast(config, out);
    length++;
    return logits;
  };
}
