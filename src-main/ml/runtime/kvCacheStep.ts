import type { StepFn } from '../generation/index.js';
import { INPUTS_EMBEDS, type DecoderConfig } from '../models/decoder/index.js';
import type { ModelSession } from '../ort/index.js';
import { decoderFeeds, lastPositionLogits, presentsAsPast, tileCache, tileRows } from './decoderFeeds.js';
import { DecodeStepFeeds } from './decodeStepFeeds.js';
import type { PreparedPrompt } from './preparePrompt.js';

/**
 * What the KV-cache step uses of a loaded model: the decoder config and two runnable graphs. Narrower
 * than LoadedModel so the GRPO trainer can sample from its current weights through this same code.
 */
export interface KvCacheModel {
  readonly architecture: { readonly decoder: DecoderConfig };
  readonly sessions: { readonly embedTokens: Pick<ModelSession, 'run'>; readonly decoder: Pick<ModelSession, 'run'> };
}

/**
 * The model as `generate` sees it: one StepFn that owns the KV cache.
 * - (5) Prefill: the whole prompt once at batch 1 with an empty cache; its last logits and cache are
 *   then repeated to the G rows.
 * - (6) Decode: each row's latest token through embed_tokens, at position cache length + rope delta on
 *   all three axes (generated tokens are text), attending over the whole cache; present.* becomes the
 *   next past. Finished rows keep decoding the pad id: their slot stays in the batch, their output is ignored.
 *   The decode feeds are built once and rewritten in place (DecodeStepFeeds): same values, no per-step churn.
 */
export function createKvCacheStep(model: KvCacheModel, prompt: Pick<PreparedPrompt, 'tokenIds' | 'embeds' | 'positions' | 'ropeDelta'>, rows: number): StepFn {
  const config = model.architecture.decoder;
  const { embedTokens, decoder } = model.sessions;
  let feeds: DecodeStepFeeds | null = null;
  let length = 0; // tokens in the cache

  return async (input) => {
    if (input.isPrefill) {
      const seq = prompt.tokenIds.length;
      const out = await decoder.run(
        decoderFeeds(config, { batch: 1, seq, embeds: prompt.embeds, positions: prompt.positions.flat(), past: null, pastLength: 0 }),
      );
      const logits = lastPositionLogits(out); // (1, V)
      feeds = new DecodeStepFeeds(config, rows, tileCache(presentsAsPast(config, out), rows));
      length = seq;
      return tileRows(logits, rows); // (G, V)
    }

    const ids = input.tokenIds;
    if (ids === null || ids.length !== rows || feeds === null) throw new Error(`decode step needs ${rows} token ids after a prefill`);
    const embedded = await embedTokens.run(feeds.embedFeeds(ids));
    const embeds = embedded[INPUTS_EMBEDS];
    if (!embeds) throw new Error(`embed_tokens returned no '${INPUTS_EMBEDS}'`);
    // Position of the new token: cache length + rope delta (decodePositionIds for one token).
    const out = await decoder.run(feeds.decoderFeeds(embeds, length, length + prompt.ropeDelta));
    const logits = lastPositionLogits(out); // (G, V), a view: generate reads it before the next step
    feeds.takePresents(out);
    length++;
    return logits;
  };
}
