import { gather, GraphBuilder } from '../../graph/index.js';
import { assertValidDecoderConfig, type DecoderConfig } from './DecoderConfig.js';
import type { DecoderWeights } from './DecoderWeights.js';
import { EMBED_TOKENS } from './decoderParameterSpecs.js';
import { declareWeight } from './declareWeight.js';
import { DIM, INPUT_IDS, INPUTS_EMBEDS } from './decoderLayout.js';

/**
 * `embed_tokens.onnx`: input_ids int64 (B, S) → inputs_embeds (B, S, D), one Gather on the embedding
 * table. Kept apart from the decoder (as in the public layout) so the caller can splice image and ECG
 * features into the embeddings between the two graphs.
 */
export function buildEmbedTokens(config: DecoderConfig, weights: DecoderWeights): GraphBuilder {
  assertValidDecoderConfig(config);
  const g = new GraphBuilder('embed_tokens');
  const ids = g.input(INPUT_IDS, 'int64', [DIM.batch, DIM.seq]); // (B, S)
  const table = declareWeight(g, weights, EMBED_TOKENS); // (V, D)
  g.output(gather(g, table, ids, 0), INPUTS_EMBEDS, [DIM.batch, DIM.seq, config.hiddenSize]); // (B, S, D)
  return g;
}
