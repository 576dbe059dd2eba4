import { ATTENTION_MASK, INPUTS_EMBEDS, LOGITS, pastKeyName, pastValueName, POSITION_IDS, presentKeyName, presentValueName, type DecoderConfig } from '../models/decoder/index.js';
import type { HostTensor } from '../ort/index.js';
import { float32Output, float32Tensor, int64Tensor, onesInt64Tensor } from './hostTensors.js';
import { assertFinite } from './NonFiniteOutputError.js';

/** past_key_values.* by name, each (B, KV, P, Dh). */
export type KvCache = Readonly<Record<string, HostTensor>>;

export interface DecoderCall {
  readonly batch: number; // B
  readonly seq: number; // S: new tokens this call
  readonly embeds: Float32Array; // (B, S, D)
  readonly positions: ArrayLike<number>; // (3, B, S)
  /** Cache from the previous call; null at prefill (fed as empty (B, KV, 0, Dh) tensors). */
  readonly past: KvCache | null;
  readonly pastLength: number; // P
}

/** Feeds of one decoder_model_merged call. Every position is attended: the runtime never left-pads. */
export function decoderFeeds(config: DecoderConfig, call: DecoderCall): Record<string, HostTensor> {
  const { batch, seq, pastLength } = call;
  const feeds: Record<string, HostTensor> = {
    [INPUTS_EMBEDS]: float32Tensor([batch, seq, config.hiddenSize], call.embeds),
    [ATTENTION_MASK]: onesInt64Tensor([batch, pastLength + seq]),
    [POSITION_IDS]: int64Tensor([3, batch, seq], call.positions),
  };
  const past = call.past ?? emptyCache(config, batch);
  for (let i = 0; i < config.numLayers; i++) {
    for (const name of [pastKeyName(i), pastValueName(i)]) {
      const t = past[name];
      if (!t) throw new Error(`KV cache lacks ${name}`);
      feeds[name] = t;
    }
  }
  return feeds;
}

function emptyCache(config: DecoderConfig, batch: number): KvCache {
  const cache: Record<string, HostTensor> = {};
  const empty = float32Tensor([batch, config.numKvHeads, 0, config.headDim], new Float32Array(0));
  for (let i = 0; i < config.numLayers; i++) cache[pastKeyName(i)] = cache[pastValueName(i)] = empty;
  return cache;
}

/** present.{i}.* of one call, renamed to the next call's past_key_values.{i}.*. */
export function presentsAsPast(config: DecoderConfig, outputs: Readonly<Record<string, HostTensor>>): KvCache {
  const past: Record<string, HostTensor> = {};
  for (let i = 0; i < config.numLayers; i++) {
    past[pastKeyName(i)] = outputs[presentKeyName(i)] ?? missing(presentKeyName(i));
    past[pastValueName(i)] = outputs[presentValueName(i)] ?? missing(presentValueName(i));
  }
  return past;
}

const missing = (name: string): never => {
  throw new Error(`decoder returned no '${name}'`);
};

/**
 * The batch-1 cache repeated to `rows` rows: G samples of one prompt share its prefill, so the prompt
 * is run once and copied instead of run G times (same values as Hugging Face's expanded prefill).
 */
export function tileCache(cache: KvCache, rows: number): KvCache {
  if (rows === 1) return cache;
  const tiled: Record<string, HostTensor> = {};
  for (const [name, t] of Object.entries(cache)) {
    if (t.dims[0] !== 1 || !(t.data instanceof Float32Array)) throw new Error(`tileCache: ${name} is not a float32 batch-1 tensor`);
    tiled[name] = float32Tensor([rows, ...t.dims.slice(1)], tileRows(t.data, rows));
  }
  return tiled;
}

export function tileRows(row: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(row.length * rows);
  for (let r = 0; r < rows; r++) out.set(row, r * row.length);
  return out;
}

/** (B, V) logits of each row's last position from logits (B, S, V); refuses NaN/Inf. */
export function lastPositionLogits(outputs: Readonly<Record<string, HostTensor>>): Float32Array {
  const { dims, data } = float32Output(outputs, LOGITS);
  const [b, s, v] = dims as [number, number, number];
  if (s === 1) {
    // Decode steps: the logits already are (B, V); a view avoids a copy (generate copies each row anyway).
    assertFinite(LOGITS, data);
    return data.subarray(0, b * v);
  }
  const out = new Float32Array(b * v);
  for (let r = 0; r < b; r++) out.set(data.subarray((r * s + s - 1) * v, (r * s + s) * v), r * v);
  assertFinite(LOGITS, out);
  return out;
}
