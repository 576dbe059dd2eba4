import { causalAttentionMask, GraphBuilder, rmsNorm, type Tensor } from '../../graph/index.js';
import { assertValidDecoderConfig, type DecoderConfig } from './DecoderConfig.js';
import { assertDecoderWeights, type DecoderWeights } from './DecoderWeights.js';
import { declareLayerParams } from './declareLayerParams.js';
import { declareWeight } from './declareWeight.js';
import { decoderLayer } from './decoderLayer.js';
import { ATTENTION_MASK, DIM, INPUTS_EMBEDS, LOGITS, pastKeyName, pastValueName, POSITION_IDS, presentKeyName, presentValueName } from './decoderLayout.js';
import { EMBED_TOKENS, FINAL_NORM, LM_HEAD } from './decoderParameterSpecs.js';
import { linearOutIn } from '../../graph/index.js';
import { mropeTables } from './mropeTables.js';

/**
 * `decoder_model_merged.onnx` in the transformers.js / onnx-community Qwen2-VL layout. "Merged": one
 * graph serves the prefill (past_key_values fed as empty (B, KV, 0, Dh) tensors) and every KV-cache
 * step. Inputs: inputs_embeds (B, S, D), attention_mask int64 (B, T), position_ids int64 (3, B, S),
 * past_key_values.{i}.key/value (B, KV, P, Dh); outputs: logits (B, S, V) and present.{i}.key/value
 * (B, KV, T, Dh), with T = P + S. Initializers carry the Hugging Face parameter names and shapes.
 */
export function buildDecoderMerged(config: DecoderConfig, weights: DecoderWeights): GraphBuilder {
  assertValidDecoderConfig(config);
  assertDecoderWeights(config, weights);
  const { dtype, hiddenSize: d, numKvHeads: kv, headDim: dh } = config;
  const g = new GraphBuilder('decoder_model_merged');
  const embeds = g.input(INPUTS_EMBEDS, dtype, [DIM.batch, DIM.seq, d]); // (B, S, D)
  const attentionMask = g.input(ATTENTION_MASK, 'int64', [DIM.batch, DIM.totalSeq]); // (B, T)
  const positionIds = g.input(POSITION_IDS, 'int64', [3, DIM.batch, DIM.seq]); // (3, B, S)
  const past = Array.from({ length: config.numLayers }, (_, i) => ({
    key: g.input(pastKeyName(i), dtype, [DIM.batch, kv, DIM.pastSeq, dh]), // (B, KV, P, Dh)
    value: g.input(pastValueName(i), dtype, [DIM.batch, kv, DIM.pastSeq, dh]), // (B, KV, P, Dh)
  }));

  // Shared by every layer: rotary tables from the (t, h, w) positions and one additive mask.
  const rope = mropeTables(g, positionIds, config); // (B, S, Dh) each
  const mask = causalAttentionMask(g, attentionMask, embeds, dtype); // (B, 1, S, T)

  let x: Tensor = embeds; // (B, S, D)
  const presents: (readonly [Tensor, Tensor])[] = [];
  past.forEach((cache, i) => {
    const layer = decoderLayer(g, config, declareLayerParams(g, weights, i), { x, rope, mask, pastKey: cache.key, pastValue: cache.value });
    x = layer.hidden;
    presents.push([layer.presentKey, layer.presentValue] as const); // (B, KV, T, Dh) each
  });

  const h = rmsNorm(g, x, declareWeight(g, weights, FINAL_NORM), config.rmsNormEps); // (B, S, D)
  // Tied: lm_head is the embedding table itself; (V, D) is already HF's (out, in) Linear layout.
  const head = declareWeight(g, weights, config.tieWordEmbeddings ? EMBED_TOKENS : LM_HEAD); // (V, D)
  g.output(linearOutIn(g, h, head), LOGITS, [DIM.batch, DIM.seq, config.vocabSize]); // (B, S, V)
  // Outputs in the public export's order: logits, then present.{i}.key / .value per layer.
  const presentShape = [DIM.batch, kv, DIM.totalSeq, dh];
  presents.forEach(([key, value], i) => {
    g.output(key, presentKeyName(i), presentShape);
    g.output(value, presentValueName(i), presentShape);
  });
  return g;
}
