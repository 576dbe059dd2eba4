import { env, Qwen2VLForConditionalGeneration, Tensor } from '@huggingface/transformers';
import type { TinyQwen2VlModel } from './tinyQwen2VlModel.js';

/** The part of an ONNX Runtime session that transformers.js calls and this harness observes. */
interface ObservedSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, Tensor>, ...rest: unknown[]): Promise<Record<string, Tensor>>;
}

/** Members of Qwen2VLForConditionalGeneration that its .d.ts does not declare but this harness uses. */
interface Qwen2VlInternals {
  sessions: Record<string, ObservedSession>;
  _get_text_only_rope_index(inputIds: Tensor, attentionMask: Tensor | null): [Tensor, Tensor];
  generate(options: Record<string, unknown>): Promise<unknown>;
}

/** One decoder_model_merged call as transformers.js made it. */
export interface DecoderCall {
  readonly positions: number[]; // position_ids (3, 1, S), flattened
  readonly pastKeyDims: readonly number[]; // dims of past_key_values.0.key it fed
  readonly lastLogits: Float32Array; // logits of the last position
}

export interface TransformersJsModel {
  readonly calls: DecoderCall[];
  readonly sessionInputNames: Readonly<Record<string, readonly string[]>>;
  readonly sessionOutputNames: Readonly<Record<string, readonly string[]>>;
  /** Greedy generate; returns only the new tokens. Resets `calls`. */
  generate(inputs: TransformersJsInputs, maxNewTokens: number): Promise<number[]>;
  /**
   * Replace transformers.js 4.3.1's text-only rope delta by Hugging Face Python's. Its
   * `_get_text_only_rope_index` returns max(position) + 1 + S where Python's get_rope_index returns
   * max(position) + 1 − S, so every text-only decode step is positioned 2·S too far (prefill is right).
   */
  useReferenceTextRopeDelta(): void;
}

export interface TransformersJsInputs {
  readonly inputIds: readonly number[];
  readonly pixelValues?: Float32Array; // (N, 1176)
  readonly imageGridThw?: readonly [number, number, number];
}

/** Every http(s) URL that anything in the process tried to fetch while the guard was installed. */
export interface NetworkGuard {
  readonly attempts: string[];
  restore(): void;
}

/** Makes globalThis.fetch throw for any http(s) URL (and records it); other URLs pass through. */
export function blockNetwork(): NetworkGuard {
  const original = globalThis.fetch;
  const attempts: string[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (/^https?:/i.test(url)) {
      attempts.push(url);
      return Promise.reject(new Error(`network is blocked in the parity test: ${url}`));
    }
    return original(input, init);
  };
  return {
    attempts,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}

const int64 = (values: readonly number[], dims: number[]): Tensor => new Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);

/**
 * Loads the tiny model with transformers.js from local files only (remote models off, no FS cache)
 * and wraps its decoder session to record what it feeds and gets back at every call.
 */
export async function loadWithTransformersJs(model: TinyQwen2VlModel): Promise<TransformersJsModel> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = model.root;
  env.useFSCache = false;

  const loaded = await Qwen2VLForConditionalGeneration.from_pretrained(model.name, {
    dtype: 'fp32',
    device: 'cpu',
    local_files_only: true,
    session_options: { intraOpNumThreads: 1 },
  });
  const internals = loaded as unknown as Qwen2VlInternals;
  const sessionInputNames: Record<string, readonly string[]> = {};
  const sessionOutputNames: Record<string, readonly string[]> = {};
  for (const [name, session] of Object.entries(internals.sessions)) {
    sessionInputNames[name] = [...session.inputNames];
    sessionOutputNames[name] = [...session.outputNames];
  }

  const calls: DecoderCall[] = [];
  const decoder = internals.sessions['decoder_model_merged'];
  if (!decoder) throw new Error('transformers.js did not open decoder_model_merged');
  const run = decoder.run.bind(decoder);
  decoder.run = async (feeds, ...rest) => {
    const out = await run(feeds, ...rest);
    const logits = out['logits'];
    const positions = feeds['position_ids'];
    if (!logits || !positions) throw new Error('decoder call without position_ids or logits');
    const [, s, v] = logits.dims as [number, number, number];
    calls.push({
      positions: Array.from(positions.data as BigInt64Array, Number),
      pastKeyDims: [...(feeds['past_key_values.0.key']?.dims ?? [])],
      lastLogits: Float32Array.from((logits.data as Float32Array).subarray((s - 1) * v, s * v)),
    });
    return out;
  };

  return {
    calls,
    sessionInputNames,
    sessionOutputNames,
    async generate(inputs, maxNewTokens) {
      calls.length = 0;
      const n = inputs.inputIds.length;
      const kwargs: Record<string, unknown> = {
        input_ids: int64(inputs.inputIds, [1, n]),
        attention_mask: int64(new Array<number>(n).fill(1), [1, n]),
        max_new_tokens: maxNewTokens,
        do_sample: false,
        repetition_penalty: 1,
      };
      if (inputs.pixelValues && inputs.imageGridThw) {
        const rows = inputs.imageGridThw[0] * inputs.imageGridThw[1] * inputs.imageGridThw[2];
        kwargs['pixel_values'] = new Tensor('float32', inputs.pixelValues, [rows, inputs.pixelValues.length / rows]);
        kwargs['image_grid_thw'] = int64(inputs.imageGridThw, [1, 3]);
      }
      const sequences = (await internals.generate(kwargs)) as Tensor;
      return Array.from(sequences.data as BigInt64Array, Number).slice(n);
    },
    useReferenceTextRopeDelta() {
      const original = internals._get_text_only_rope_index.bind(internals);
      internals._get_text_only_rope_index = (inputIds, attentionMask) => {
        const [positionIds] = original(inputIds, attentionMask);
        const [, batch, seq] = positionIds.dims as [number, number, number];
        const data = positionIds.data as BigInt64Array;
        const deltas = Array.from({ length: batch }, (_, b) => {
          let max = -1n;
          for (let s = 0; s < seq; s++) if (data[b * seq + s]! > max) max = data[b * seq + s]!;
          return Number(max + 1n - BigInt(seq));
        });
        return [positionIds, int64(deltas, [batch, 1])];
      };
    },
  };
}
