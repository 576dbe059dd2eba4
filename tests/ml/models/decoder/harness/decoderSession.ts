import { assertValidGraph, encodeModel, toModelProto, type GraphBuilder } from '../../../../../src-main/ml/graph/index.js';
import {
  ATTENTION_MASK,
  INPUTS_EMBEDS,
  pastKeyName,
  pastValueName,
  POSITION_IDS,
  presentKeyName,
  presentValueName,
  type DecoderConfig,
  type DecoderWeights,
} from '../../../../../src-main/ml/models/decoder/index.js';
import { createSession, type HostTensor, type ModelSession } from '../../../../../src-main/ml/ort/index.js';
import { embedRef } from '../reference/decoderForwardRef.js';

/**
 * Validates, serialises and opens a graph once, so a test can run many steps on one session. float64
 * runs at optimisation level 'basic' (ORT's extended fusions turn SiLU into a float32-only op).
 */
export async function openGraph(g: GraphBuilder, dtype: DecoderConfig['dtype']): Promise<ModelSession> {
  const { model } = toModelProto(assertValidGraph(g.build()), { opset: 17, producer: 'qoq-decoder-tests' });
  return createSession(encodeModel(model), { intraOpThreads: 1, optimizationLevel: dtype === 'float64' ? 'basic' : 'all' });
}

const int64 = (dims: readonly number[], values: readonly number[]): HostTensor => ({ type: 'int64', dims, data: BigInt64Array.from(values, (v) => BigInt(v)) });

export interface StepInputs {
  readonly batch: number;
  readonly seq: number; // new tokens this call
  readonly ids: readonly number[]; // (B, S) new tokens
  readonly mask: readonly number[]; // (B, T) over past + new
  readonly positions: readonly number[]; // (3, B, S)
  /** past_key_values.* feeds; omitted = prefill with empty caches. */
  readonly past?: Readonly<Record<string, HostTensor>>;
}

/** Feeds for one decoder call; embeddings come from the reference lookup (exact in float32 too). */
export function decoderFeeds(config: DecoderConfig, weights: DecoderWeights, step: StepInputs): Record<string, HostTensor> {
  const { batch, seq } = step;
  const embeds = embedRef(config, weights, step.ids);
  const floats = config.dtype === 'float32' ? Float32Array.from(embeds) : embeds;
  const feeds: Record<string, HostTensor> = {
    [INPUTS_EMBEDS]: { type: config.dtype, dims: [batch, seq, config.hiddenSize], data: floats },
    [ATTENTION_MASK]: int64([batch, step.mask.length / batch], step.mask),
    [POSITION_IDS]: int64([3, batch, seq], step.positions),
  };
  const empty = (): HostTensor => ({
    type: config.dtype,
    dims: [batch, config.numKvHeads, 0, config.headDim],
    data: config.dtype === 'float32' ? new Float32Array(0) : new Float64Array(0),
  });
  for (let i = 0; i < config.numLayers; i++) {
    for (const name of [pastKeyName(i), pastValueName(i)]) feeds[name] = step.past?.[name] ?? empty();
  }
  return feeds;
}

/** present.{i}.* of one call renamed to the next call's past_key_values.{i}.*. */
export function presentsAsPast(config: DecoderConfig, out: Readonly<Record<string, HostTensor>>): Record<string, HostTensor> {
  const past: Record<string, HostTensor> = {};
  for (let i = 0; i < config.numLayers; i++) {
    const [key, value] = [out[presentKeyName(i)], out[presentValueName(i)]];
    if (!key || !value) throw new Error(`no present cache for layer ${i}`);
    past[pastKeyName(i)] = key;
    past[pastValueName(i)] = value;
  }
  return past;
}

/** (3, B, S) text positions: the same value on all three axes, `start + s` per token. */
export function textPositions(batch: number, seq: number, start = 0): number[] {
  return [0, 1, 2].flatMap(() => Array.from({ length: batch * seq }, (_, i) => start + (i % seq)));
}

/** Rows [from, to) of the token axis of logits (B, S, V) for batch row b, as numbers. */
export function logitRows(data: ArrayLike<number | bigint>, dims: readonly number[], b: number, from: number, to: number): number[] {
  const [, s, v] = dims as [number, number, number];
  return Array.from({ length: (to - from) * v }, (_, i) => Number(data[(b * s + from) * v + i]));
}
