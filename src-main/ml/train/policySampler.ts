import { generate, logSoftmax, type GenerationConfig } from '../generation/index.js';
import { buildDecoderMerged, EMBED_TOKENS, INPUT_IDS, INPUTS_EMBEDS, type DecoderConfig } from '../models/decoder/index.js';
import { createSession, type HostTensor, type ModelSession, type SessionOptions } from '../ort/index.js';
import { createKvCacheStep, type KvCacheModel } from '../runtime/index.js';
import { graphBytes } from './graphBytes.js';
import type { GrpoQuestion } from './GrpoQuestion.js';
import { float32Tensor } from './hostTensors.js';
import { promptMediaOf } from './rolloutSample.js';
import { asDecoderWeights, type ParamTable } from './TrainerState.js';

export interface SampledResponses {
  /** Per row: the new tokens, eos included when the row stopped on it. */
  readonly tokenIds: number[][];
  /** Per row and token: log p of the chosen token under the sampled distribution (logits / temperature). */
  readonly logProbs: number[][];
}

/** The policy's current weights behind the runtime's KV-cached decoding. */
export interface PolicySampler {
  /** G = generation.numSequences responses to one prompt; null when cancelled. */
  sample(question: Pick<GrpoQuestion, 'promptIds' | 'media'>, generation: Partial<GenerationConfig>, signal?: AbortSignal): Promise<SampledResponses | null>;
  release(): Promise<void>;
}

/**
 * Opens a sampler on a snapshot of `weights`: the runtime's own decoder_model_merged graph (KV cache in,
 * presents out) with the weights baked in as initializers, driven by the runtime's createKvCacheStep —
 * prefill once, then one token per row per step. Rebuilding this session once per training step was
 * measured cheaper than one session fed the weights as inputs at every decode step (docs/experiments/drpo.md).
 * Token embeddings (the prompt's, and each decoded token's) are gathered here from the same table, and
 * the prompt's media rows overwrite their pads exactly as preparePrompt scatters encoder features.
 */
export async function openPolicySampler(config: DecoderConfig, weights: ParamTable, options: SessionOptions = { intraOpThreads: 1 }): Promise<PolicySampler> {
  const table = weights[EMBED_TOKENS];
  if (table === undefined) throw new Error(`openPolicySampler: no '${EMBED_TOKENS}' weight`);
  const decoder = await createSession(graphBytes(buildDecoderMerged(config, asDecoderWeights(config, weights)).build()), options);
  const hidden = config.hiddenSize;
  const embedTokens: Pick<ModelSession, 'run'> = {
    run: async (feeds) => {
      const ids = feeds[INPUT_IDS];
      if (ids === undefined || !(ids.data instanceof BigInt64Array)) throw new Error(`openPolicySampler: embed needs int64 '${INPUT_IDS}'`);
      const out: Record<string, HostTensor> = { [INPUTS_EMBEDS]: float32Tensor([...ids.dims, hidden], gatherRows(table, hidden, Array.from(ids.data, Number))) };
      return Promise.resolve(out);
    },
  };
  const model: KvCacheModel = { architecture: { decoder: config }, sessions: { embedTokens, decoder } };

  return {
    async sample(question, generation, signal) {
      const media = promptMediaOf(question);
      const embeds = gatherRows(table, hidden, question.promptIds); // (P, D)
      media.mediaPositions.forEach((t, k) => embeds.set(media.mediaRows.subarray(k * hidden, (k + 1) * hidden), t * hidden));
      const rows = generation.numSequences ?? 1;
      const kvStep = createKvCacheStep(model, { tokenIds: question.promptIds, embeds, positions: media.promptPositions, ropeDelta: media.ropeDelta }, rows);
      // The log-prob of each chosen token is read from the step's raw logits (valid until the next step).
      const temperature = generation.doSample === true ? (generation.temperature ?? 1) : 1; // greedy: the plain softmax
      const logProbs: number[][] = Array.from({ length: rows }, () => []);
      let logits: Float32Array = new Float32Array(0);
      const result = await generate({
        step: async (input) => (logits = await kvStep(input)),
        prefillInputs: { tokenIds: null, penaltyContextIds: question.promptIds },
        config: generation,
        onToken: (row, tokenId) => {
          const v = logits.length / rows;
          const scaled = Array.from(logits.subarray(row * v, (row + 1) * v), (x) => x / temperature);
          (logProbs[row] as number[]).push(logSoftmax(scaled)[tokenId] as number);
        },
        ...(signal ? { signal } : {}),
      });
      return result.finishReasons.includes('cancelled') ? null : { tokenIds: result.tokenIds, logProbs };
    },
    release: () => decoder.release(),
  };
}

/** Rows `ids` of a (V, D) table, concatenated: (n, D). */
function gatherRows(table: Float32Array, hidden: number, ids: readonly number[]): Float32Array {
  const out = new Float32Array(ids.length * hidden);
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || (id + 1) * hidden > table.length) throw new Error(`openPolicySampler: token id ${id} is outside the vocabulary`);
    out.set(table.subarray(id * hidden, (id + 1) * hidden), i * hidden);
  });
  return out;
}
