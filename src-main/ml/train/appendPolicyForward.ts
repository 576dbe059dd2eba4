import { importGraph } from '../autodiff/index.js';
import { add, gather, mul, scalar, sub, type GraphBuilder, type Tensor } from '../graph/index.js';
import {
  buildDecoderMerged,
  decoderParameterSpecs,
  DIM,
  EMBED_TOKENS,
  INPUT_IDS,
  INPUTS_EMBEDS,
  LOGITS,
  type DecoderConfig,
  type DecoderWeights,
} from '../models/decoder/index.js';
import { MEDIA_INPUTS } from './graphNames.js';

export interface PolicyForwardOptions {
  /** Static (batch, seqLen) of a training bucket; omitted = symbolic dims (one graph for any size). */
  readonly bucket?: { readonly batch: number; readonly seqLen: number };
  /**
   * Parameters declared as initializers (placeholders: trainingStepGraph turns exactly these into
   * trainable inputs). Every other parameter becomes a plain graph input, so the graph holds no weight
   * values at all and one build per bucket serves the whole run whatever the weights are.
   */
  readonly asInitializers?: readonly string[];
  /**
   * Multimodal entry: adds inputs `media_embeds` (B, S, D) and `media_mask` (B, S, 1), and the decoder
   * reads gather(table, ids)·(1 − mask) + media_embeds·mask — the image/ECG encoder features at their
   * pad positions, exactly what the runtime's scatterFeatures writes into the prompt embeddings.
   */
  readonly media?: boolean;
}

/**
 * input_ids (B, S) → embed_tokens Gather → decoder_model_merged with an empty KV cache → logits
 * (B, S, V), appended to `g`. The decoder is the same graph the runtime serves (HF parameter names,
 * M-RoPE positions, additive attention mask), imported with its past_seq fixed to 0.
 */
export function appendPolicyForward(g: GraphBuilder, config: DecoderConfig, options: PolicyForwardOptions = {}): Tensor {
  const specs = decoderParameterSpecs(config);
  const keep = new Set(options.asInitializers ?? []);
  const batch = options.bucket?.batch ?? DIM.batch;
  const seq = options.bucket?.seqLen ?? DIM.seq;
  // Zeros stand in for the values: initializers here are only placeholders for trainable inputs.
  const zeros = (n: number): Float32Array | Float64Array => (config.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n));
  const placeholders: DecoderWeights = Object.fromEntries(specs.map((s) => [s.name, { dims: s.dims, data: zeros(s.dims.reduce((n, d) => n * d, 1)) }]));

  const embedSpec = specs.find((s) => s.name === EMBED_TOKENS);
  if (embedSpec === undefined) throw new Error('appendPolicyForward: the decoder has no embedding table');
  const table = keep.has(EMBED_TOKENS)
    ? g.initializer(EMBED_TOKENS, (placeholders[EMBED_TOKENS] as { data: Float32Array | Float64Array }).data, embedSpec.dims)
    : g.input(EMBED_TOKENS, config.dtype, embedSpec.dims); // (V, D)
  const ids = g.input(INPUT_IDS, 'int64', [batch, seq]); // (B, S)
  const tokenEmbeds = gather(g, table, ids, 0); // (B, S, D)
  const embeds = options.media ? mixMedia(g, config, tokenEmbeds, batch, seq) : tokenEmbeds;

  const decoder = buildDecoderMerged(config, placeholders).build();
  const dims: Record<string, number> = options.bucket ? { [DIM.batch]: batch as number, [DIM.seq]: seq as number, [DIM.pastSeq]: 0, [DIM.totalSeq]: seq as number } : {};
  const imported = importGraph(g, decoder, {
    dims,
    // The tied lm_head reads the same table tensor, so its gradient sums both uses.
    bind: { [INPUTS_EMBEDS]: embeds, ...(config.tieWordEmbeddings ? { [EMBED_TOKENS]: table } : {}) },
    initializersAsInputs: decoder.initializers.map((i) => i.tensor.name).filter((n) => !keep.has(n) && n !== EMBED_TOKENS),
    keepOutputs: false,
  });
  return imported.tensor(LOGITS); // (B, S, V)
}

/**
 * Token embeddings with the media rows blended in by a 0/1 mask (a Mul/Add instead of a scatter, so the
 * autodiff already has every rule it needs, and gradients reach media_embeds where a trainable encoder
 * head wants them).
 */
function mixMedia(g: GraphBuilder, config: DecoderConfig, tokenEmbeds: Tensor, batch: number | string, seq: number | string): Tensor {
  const media = g.input(MEDIA_INPUTS.embeds, config.dtype, [batch, seq, config.hiddenSize]); // (B, S, D)
  const mask = g.input(MEDIA_INPUTS.mask, config.dtype, [batch, seq, 1]); // (B, S, 1): 1 at image/ECG pads
  const keep = sub(g, scalar(g, 1, config.dtype), mask); // (B, S, 1)
  return add(g, mul(g, tokenEmbeds, keep), mul(g, media, mask)); // (B, S, D)
}
