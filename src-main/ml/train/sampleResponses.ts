import { generate, type GenerationConfig, type StepFn } from '../generation/index.js';
import { LOGITS, type DecoderConfig } from '../models/decoder/index.js';
import type { ModelSession } from '../ort/index.js';
import { decoderBatchFeeds, float32Output, paramFeeds } from './hostTensors.js';
import type { ParamTable } from './TrainerState.js';

export interface SampleOptions {
  readonly session: ModelSession; // buildSamplingGraph's session
  readonly config: DecoderConfig;
  readonly weights: ParamTable;
  readonly promptIds: readonly number[];
  /** numSequences = G, seed, temperature 1, eos/pad ids, max new tokens… */
  readonly generation: Partial<GenerationConfig>;
  readonly signal?: AbortSignal;
}

/**
 * G sampled responses to one prompt (eos included when a row stopped on it), or null when cancelled.
 * Full-sequence sampling through buildSamplingGraph's session (weights fed as inputs), used by `qoq eval`
 * on text prompts; the GRPO trainer samples with the KV-cached policySampler instead.
 */
export async function sampleResponses(options: SampleOptions): Promise<number[][] | null> {
  const rows = options.generation.numSequences ?? 1;
  const result = await generate({
    step: fullSequenceStep(options, rows),
    prefillInputs: { tokenIds: options.promptIds },
    config: options.generation,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return result.finishReasons.includes('cancelled') ? null : result.tokenIds;
}

/**
 * A KV-cache-free step: every call re-runs the decoder over each row's whole sequence so far and
 * returns the last position's logits (G, V). O(length²) work, which is nothing for the short toy
 * responses here and keeps sampling exactly the forward the loss is taken on.
 */
function fullSequenceStep(options: SampleOptions, rows: number): StepFn {
  const { config, session } = options;
  const weights = paramFeeds(config, options.weights); // the same weights for the whole rollout
  const sequences: number[][] = Array.from({ length: rows }, () => []);
  return async (input) => {
    if (input.tokenIds === null) throw new Error('sampleResponses: the prompt ids are required');
    if (input.isPrefill) sequences.forEach((s) => s.push(...(input.tokenIds as number[])));
    else sequences.forEach((s, r) => s.push((input.tokenIds as number[])[r] as number));
    const length = (sequences[0] as number[]).length;
    const ids = sequences.flat();
    const out = await session.run({ ...decoderBatchFeeds(config, rows, length, ids, new Array<number>(ids.length).fill(1)), ...weights }, [LOGITS]);
    const logits = float32Output(out, LOGITS); // (G, S, V)
    const v = config.vocabSize;
    const last = new Float32Array(rows * v);
    for (let r = 0; r < rows; r++) last.set(logits.subarray((r * length + length - 1) * v, (r * length + length) * v), r * v);
    return last; // (G, V)
  };
}
