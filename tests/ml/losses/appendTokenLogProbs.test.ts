import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/ml/graph/index.js';
import { appendTokenLogProbs, TARGET_IDS, TOKEN_LOG_PROBS } from '../../../src-main/ml/losses/index.js';
import { buildDecoderMerged, LOGITS } from '../../../src-main/ml/models/decoder/index.js';
import { expectClose } from '../graph/reference/expectClose.js';
import { seededRandom } from '../graph/reference/rng.js';
import { decoderFeeds, openGraph, textPositions } from '../models/decoder/harness/decoderSession.js';
import { tinyConfig, tinyWeights } from '../models/decoder/harness/tinyDecoder.js';
import { tokenLogProbsRef } from './reference/lossFormulas.js';

describe('appendTokenLogProbs on decoder_model_merged', () => {
  it('adds target_ids (batch, seq) and token_log_probs = log softmax(logits)[target] (float64, ≤ 1e-12)', async () => {
    const [batch, seq] = [2, 5];
    const config = tinyConfig('float64');
    const weights = tinyWeights(config);
    const g = buildDecoderMerged(config, weights);
    const { targetIds, logProbs } = appendTokenLogProbs(g, { temperature: 0.9 });
    expect(targetIds.shape).toEqual(['batch_size', 'seq']);
    expect(logProbs.shape).toEqual(['batch_size', 'seq']);

    const rand = seededRandom(51);
    const ids = Array.from({ length: batch * seq }, () => Math.floor(rand() * config.vocabSize));
    // Targets = the inputs shifted left by one; the last position gets an arbitrary id (it is masked in training).
    const targets = ids.map((_, i) => (i % seq === seq - 1 ? 0 : (ids[i + 1] as number)));
    const step = { batch, seq, ids, mask: new Array<number>(batch * seq).fill(1), positions: textPositions(batch, seq) };
    const session = await openGraph(g, 'float64');
    try {
      const out = await session.run(
        { ...decoderFeeds(config, weights, step), [TARGET_IDS]: { type: 'int64', dims: [batch, seq], data: BigInt64Array.from(targets, BigInt) } },
        [LOGITS, TOKEN_LOG_PROBS],
      );
      const logits = Array.from(out[LOGITS]?.data ?? [], Number);
      expect(out[TOKEN_LOG_PROBS]?.dims).toEqual([batch, seq]);
      expectClose(out[TOKEN_LOG_PROBS]?.data ?? [], tokenLogProbsRef(logits, config.vocabSize, targets, 0.9), 1e-12);
    } finally {
      await session.release();
    }
  });

  it('names a missing logits tensor', () => {
    expect(() => appendTokenLogProbs(new GraphBuilder('empty'))).toThrow(/no tensor 'logits'/);
  });
});
