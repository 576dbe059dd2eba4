import { importGraph } from '../../../../src-main/ml/autodiff/index.js';
import * as G from '../../../../src-main/ml/graph/index.js';
import {
  ATTENTION_MASK,
  buildDecoderMerged,
  defineDecoderConfig,
  DIM,
  EMBED_TOKENS,
  INPUTS_EMBEDS,
  LOGITS,
  POSITION_IDS,
  type DecoderConfig,
  type DecoderDType,
  type DecoderWeights,
} from '../../../../src-main/ml/models/decoder/index.js';
import { tinyWeights } from '../../models/decoder/harness/tinyDecoder.js';

/** vocab 32, hidden 16, 2 layers, GQA 2:1 (head dim 8, M-RoPE [1, 1, 2]), tied embeddings. */
export function tinyLmConfig(dtype: DecoderDType): DecoderConfig {
  return defineDecoderConfig({
    vocabSize: 32,
    hiddenSize: 16,
    numLayers: 2,
    numHeads: 2,
    numKvHeads: 1,
    intermediateSize: 24,
    ropeTheta: 100,
    tieWordEmbeddings: true,
    dtype,
  });
}

export const INPUT_IDS = 'input_ids';

/**
 * Token cross-entropy of the merged decoder, composed as a test would: input_ids → Gather on the
 * (tied) embedding table → decoder (empty KV cache, static batch × seq) → LogSoftmax → pick the target
 * log-prob with a Gather on the flattened (B·S·V) log-probs → −mean. The table is used twice (lookup
 * and lm_head), so its gradient is a sum of a one-hot scatter and a MatMul gradient.
 */
export function tinyLmLossGraph(config: DecoderConfig, weights: DecoderWeights, batch: number, seq: number, targets: readonly number[]): G.Graph {
  const g = new G.GraphBuilder('tiny_lm_xent');
  const name = (stem: string): G.NodeOptions => ({ names: [`xent/${stem}`] });
  const ids = g.input(INPUT_IDS, 'int64', [batch, seq]);
  const w = weights[EMBED_TOKENS];
  if (w === undefined) throw new Error('no embedding table');
  const table = g.initializer(EMBED_TOKENS, w.data, w.dims);
  const embeds = g.apply('Gather', [table, ids], { axis: { type: 'int', value: 0 } }, name('embeds'));
  const decoder = buildDecoderMerged(config, weights).build();
  const imported = importGraph(g, decoder, {
    dims: { [DIM.batch]: batch, [DIM.seq]: seq, [DIM.pastSeq]: 0, [DIM.totalSeq]: seq },
    bind: { [INPUTS_EMBEDS]: embeds, [EMBED_TOKENS]: table },
    keepOutputs: false,
  });
  const v = config.vocabSize;
  const logp = g.apply('LogSoftmax', [imported.tensor(LOGITS)], { axis: { type: 'int', value: -1 } }, name('logp'));
  const flat = g.apply('Reshape', [logp, G.constantOf(g, 'int64', [-1])], {}, name('flat'));
  const picks = G.constantOf(g, 'int64', targets.map((t, i) => i * v + t), [batch * seq]);
  const picked = g.apply('Gather', [flat, picks], { axis: { type: 'int', value: 0 } }, name('picked'));
  const mean = g.apply('ReduceMean', [picked], { axes: { type: 'ints', value: [0] }, keepdims: { type: 'int', value: 0 } }, name('mean'));
  g.output(g.apply('Neg', [mean], {}, { names: ['loss'] }));
  return g.build();
}

export { ATTENTION_MASK, POSITION_IDS, tinyWeights };
