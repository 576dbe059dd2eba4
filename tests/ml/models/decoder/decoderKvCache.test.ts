import { describe, expect, it } from 'vitest';
import { buildDecoderMerged, LOGITS, pastKeyName, pastValueName, presentKeyName } from '../../../../src-main/ml/models/decoder/index.js';
import type { HostTensor } from '../../../../src-main/ml/ort/index.js';
import { expectClose } from '../../graph/reference/expectClose.js';
import { seededRandom } from '../../graph/reference/rng.js';
import { decoderFeeds, logitRows, openGraph, presentsAsPast, textPositions } from './harness/decoderSession.js';
import { tinyConfig, tinyWeights } from './harness/tinyDecoder.js';

const total = 8;
const rand = seededRandom(11);
const ids = Array.from({ length: total }, () => Math.floor(rand() * 64));
// Prefill 3 tokens, one 2-token chunk (queries offset inside the cache), then single tokens.
const chunks = [3, 2, 1, 1, 1];

describe('decoder_model_merged KV cache', () => {
  for (const [dtype, tolerance] of [['float32', 1e-5], ['float64', 1e-12]] as const) {
    it(`cached decoding equals the full recompute at every position (${dtype}, ≤ ${tolerance} relative)`, async () => {
      const config = tinyConfig(dtype);
      const weights = tinyWeights(config, 3);
      const session = await openGraph(buildDecoderMerged(config, weights), dtype);
      try {
        const full = await session.run(decoderFeeds(config, weights, { batch: 1, seq: total, ids, mask: new Array<number>(total).fill(1), positions: textPositions(1, total) }));
        const fullLogits = full[LOGITS];
        if (!fullLogits) throw new Error('no logits');

        let done = 0;
        let past: Record<string, HostTensor> = {};
        for (const n of chunks) {
          const step = await session.run(
            decoderFeeds(config, weights, {
              batch: 1,
              seq: n,
              ids: ids.slice(done, done + n),
              mask: new Array<number>(done + n).fill(1),
              positions: textPositions(1, n, done),
              past,
            }),
          );
          const logits = step[LOGITS];
          expect(logits?.dims).toEqual([1, n, config.vocabSize]);
          expect(step[presentKeyName(1)]?.dims).toEqual([1, config.numKvHeads, done + n, config.headDim]);
          expectClose(logitRows(logits?.data ?? [], logits?.dims ?? [], 0, 0, n), logitRows(fullLogits.data, fullLogits.dims, 0, done, done + n), tolerance);
          past = presentsAsPast(config, step);
          done += n;
        }
        // The cache built step by step is the one the full pass produces.
        const fullCache = presentsAsPast(config, full);
        for (const name of [pastKeyName(0), pastValueName(1)]) {
          expectClose(past[name]?.data ?? [], Array.from(fullCache[name]?.data ?? [], Number), tolerance);
        }
      } finally {
        await session.release();
      }
    });
  }
});
