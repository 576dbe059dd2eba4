import { ATTENTION_MASK, INPUT_IDS, INPUTS_EMBEDS, pastKeyName, pastValueName, POSITION_IDS, presentKeyName, presentValueName, type DecoderConfig } from '../models/decoder/index.js';
import type { HostTensor } from '../ort/index.js';
import type { KvCache } from './decoderFeeds.js';

/**
 * The feeds of the one-token decode steps, built once per run and rewritten in place at every step.
 *
 * A decode step is ~1.5 ms of model time on the reference CPU, so per-step JavaScript shows up directly in
 * tokens/s (docs/benchmarks.md, Inference). Everything that does not change between steps is kept: the
 * feed objects, the input-id and position tensors (their values rewritten, so the ort wrapper made for
 * them at the first step is reused: see ort/hostTensor.ts), the name pairs present.i.* → past_key_values.i.*,
 * and an all-ones mask buffer the mask is a view of. Values fed are exactly those decoderFeeds() builds.
 */
export class DecodeStepFeeds {
  readonly #rows: number;
  readonly #hiddenSize: number;
  readonly #ids: BigInt64Array; // (G, 1)
  readonly #embedFeeds: Record<string, HostTensor>;
  readonly #positions: BigInt64Array; // (3, G, 1)
  readonly #feeds: Record<string, HostTensor>;
  /** [past name, present name] per cache tensor, in layer order. */
  readonly #names: readonly (readonly [string, string])[];
  #ones = new BigInt64Array(0);

  constructor(config: DecoderConfig, rows: number, cache: KvCache) {
    this.#rows = rows;
    this.#hiddenSize = config.hiddenSize;
    this.#ids = new BigInt64Array(rows);
    this.#embedFeeds = { [INPUT_IDS]: { type: 'int64', dims: [rows, 1], data: this.#ids } };
    this.#positions = new BigInt64Array(3 * rows);
    const names: (readonly [string, string])[] = [];
    for (let i = 0; i < config.numLayers; i++) {
      names.push([pastKeyName(i), presentKeyName(i)], [pastValueName(i), presentValueName(i)]);
    }
    this.#names = names;
    this.#feeds = { [POSITION_IDS]: { type: 'int64', dims: [3, rows, 1], data: this.#positions } };
    for (const [past] of names) {
      const t = cache[past];
      if (!t) throw new Error(`KV cache lacks ${past}`);
      this.#feeds[past] = t;
    }
  }

  /** embed_tokens feeds for each row's latest token (the same object every step). */
  embedFeeds(tokenIds: readonly number[]): Record<string, HostTensor> {
    for (let r = 0; r < this.#rows; r++) this.#ids[r] = BigInt(tokenIds[r]!);
    return this.#embedFeeds;
  }

  /**
   * decoder_model_merged feeds for one new token per row after `pastLength` cached ones, at M-RoPE position
   * `position` on all three axes (a generated token is text). `embeds` is embed_tokens' (G, 1, D) output.
   */
  decoderFeeds(embeds: HostTensor, pastLength: number, position: number): Record<string, HostTensor> {
    const [b, s, d] = embeds.dims;
    if (embeds.type !== 'float32' || b !== this.#rows || s !== 1 || d !== this.#hiddenSize) {
      throw new Error(`embed_tokens returned ${embeds.type} [${embeds.dims.join(', ')}], expected float32 [${this.#rows}, 1, ${this.#hiddenSize}]`);
    }
    this.#feeds[INPUTS_EMBEDS] = embeds;
    this.#feeds[ATTENTION_MASK] = { type: 'int64', dims: [this.#rows, pastLength + 1], data: this.#mask(this.#rows * (pastLength + 1)) };
    this.#positions.fill(BigInt(position));
    return this.#feeds;
  }

  /** present.{i}.* of the step just run become the next step's past_key_values.{i}.*. */
  takePresents(outputs: Readonly<Record<string, HostTensor>>): void {
    for (const [past, present] of this.#names) {
      const t = outputs[present];
      if (!t) throw new Error(`decoder returned no '${present}'`);
      this.#feeds[past] = t;
    }
  }

  /** A view of `count` ones; the buffer doubles when the cache outgrows it, so it is rarely reallocated. */
  #mask(count: number): BigInt64Array {
    if (this.#ones.length < count) this.#ones = new BigInt64Array(Math.max(count, 2 * this.#ones.length, 256)).fill(1n);
    return this.#ones.subarray(0, count);
  }
}
