import { ATTENTION_MASK, decoderParameterSpecs, INPUT_IDS, pastKeyName, pastValueName, POSITION_IDS, type DecoderConfig } from '../models/decoder/index.js';
import type { HostTensor } from '../ort/index.js';
import type { ParamTable } from './TrainerState.js';

export const int64Tensor = (dims: readonly number[], values: ArrayLike<number>): HostTensor => ({
  type: 'int64',
  dims,
  data: BigInt64Array.from(Array.from(values, (v) => BigInt(v))),
});

export const float32Tensor = (dims: readonly number[], data: Float32Array): HostTensor => ({ type: 'float32', dims, data });

/** A float32 output as a Float32Array (throws naming the output when it is missing or of another type). */
export function float32Output(out: Readonly<Record<string, HostTensor>>, name: string): Float32Array {
  const data = out[name]?.data;
  if (!(data instanceof Float32Array)) throw new Error(`expected float32 output '${name}'`);
  return data;
}

/** Decoder feeds for B right-padded rows of length S: ids, mask, text positions 0..S−1 on all three M-RoPE axes, empty KV cache. */
export function decoderBatchFeeds(config: DecoderConfig, batch: number, seqLen: number, ids: ArrayLike<number>, mask: ArrayLike<number>): Record<string, HostTensor> {
  const positions = Array.from({ length: 3 * batch * seqLen }, (_, i) => i % seqLen); // (3, B, S)
  const feeds: Record<string, HostTensor> = {
    [INPUT_IDS]: int64Tensor([batch, seqLen], ids),
    [ATTENTION_MASK]: int64Tensor([batch, seqLen], mask),
    [POSITION_IDS]: int64Tensor([3, batch, seqLen], positions),
  };
  const empty = float32Tensor([batch, config.numKvHeads, 0, config.headDim], new Float32Array(0));
  for (let i = 0; i < config.numLayers; i++) feeds[pastKeyName(i)] = feeds[pastValueName(i)] = empty;
  return feeds;
}

/** Parameter feeds by HF name (only the listed ones, or all), shaped by the config. */
export function paramFeeds(config: DecoderConfig, table: ParamTable, only?: ReadonlySet<string>): Record<string, HostTensor> {
  const feeds: Record<string, HostTensor> = {};
  for (const spec of decoderParameterSpecs(config)) {
    if (only && !only.has(spec.name)) continue;
    const data = table[spec.name];
    if (data === undefined) throw new Error(`no value for parameter '${spec.name}'`);
    feeds[spec.name] = float32Tensor(spec.dims, data);
  }
  return feeds;
}

/** Only the feeds a session declares: ORT rejects unknown input names, and graphs prune unused inputs. */
export function feedsFor(inputNames: readonly string[], feeds: Readonly<Record<string, HostTensor>>): Record<string, HostTensor> {
  const wanted = new Set(inputNames);
  return Object.fromEntries(Object.entries(feeds).filter(([name]) => wanted.has(name)));
}
