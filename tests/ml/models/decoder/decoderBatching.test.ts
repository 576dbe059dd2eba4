import { describe, expect, it } from 'vitest';
import { buildDecoderMerged, LOGITS } from '../../../../src-main/ml/models/decoder/index.js';
import type { HostTensor } from '../../../../src-main/ml/ort/index.js';
import { expectClose } from '../../graph/reference/expectClose.js';
import { seededRandom } from '../../graph/reference/rng.js';
import { decoderForwardRef } from './reference/decoderForwardRef.js';
import { decoderFeeds, logitRows, openGraph, presentsAsPast, textPositions } from './harness/decoderSession.js';
import { tinyConfig, tinyWeights } from './harness/tinyDecoder.js';

// Row 0: 6 real tokens. Row 1: 4 real tokens, left-padded by 2 (pad id 0, HF position 1 on pads).
const seq = 6;
const pad = 2;
const rand = seededRandom(17);
const row0 = Array.from({ length: seq }, () => Math.floor(rand() * 64));
const row1 = Array.from({ length: seq - pad }, () => Math.floor(rand() * 64));
const next = [[9, 41], [33, 7]]; // two decode tokens per row: next[row][step]

describe('decoder_model_merged batching with left padding', () => {
  it('each row of a padded batch equals that row run alone, at prefill and over decode steps (float32, ≤ 1e-5)', async () => {
    const config = tinyConfig('float32');
    const weights = tinyWeights(config, 4);
    const session = await openGraph(buildDecoderMerged(config, weights), 'float32');
    try {
      // Batched: padding masked out of attention_mask; row 1's real tokens at positions 0..3.
      const mask = [...new Array<number>(seq).fill(1), ...new Array<number>(pad).fill(0), ...new Array<number>(seq - pad).fill(1)];
      const rowPos = [...Array.from({ length: seq }, (_, i) => i), 1, 1, 0, 1, 2, 3];
      const positions = [...rowPos, ...rowPos, ...rowPos];
      const ids = [...row0, 0, 0, ...row1];
      const batched = [await session.run(decoderFeeds(config, weights, { batch: 2, seq, ids, mask, positions }))];
      // The reference sees the same padded batch: it must agree before the rows are compared.
      const out0 = batched[0]?.[LOGITS] as HostTensor;
      expectClose(out0.data, decoderForwardRef(config, weights, { batch: 2, seq, ids, mask, positions }), 1e-4);

      let past = presentsAsPast(config, batched[0] ?? {});
      for (let t = 0; t < 2; t++) {
        const stepMask = [...mask.slice(0, seq), ...new Array<number>(t + 1).fill(1), ...mask.slice(seq), ...new Array<number>(t + 1).fill(1)];
        const stepPos = [seq + t, seq - pad + t];
        const step = await session.run(
          decoderFeeds(config, weights, { batch: 2, seq: 1, ids: next.map((n) => n[t] ?? 0), mask: stepMask, positions: [...stepPos, ...stepPos, ...stepPos], past }),
        );
        batched.push(step);
        past = presentsAsPast(config, step);
      }

      // Unbatched: each row alone, prefill then the same decode tokens.
      for (const [b, tokens] of [row0, row1].entries()) {
        const n = tokens.length;
        const all = [...tokens, ...(next[b] ?? [])];
        const alone = await session.run(decoderFeeds(config, weights, { batch: 1, seq: all.length, ids: all, mask: new Array<number>(all.length).fill(1), positions: textPositions(1, all.length) }));
        const want = alone[LOGITS] as HostTensor;
        const prefill = batched[0]?.[LOGITS] as HostTensor;
        const offset = seq - n; // row 1's real tokens start after its padding
        expectClose(logitRows(prefill.data, prefill.dims, b, offset, seq), logitRows(want.data, want.dims, 0, 0, n), 1e-5);
        for (let t = 0; t < 2; t++) {
          const got = batched[t + 1]?.[LOGITS] as HostTensor;
          expect(got.dims).toEqual([2, 1, config.vocabSize]);
          expectClose(logitRows(got.data, got.dims, b, 0, 1), logitRows(want.data, want.dims, 0, n + t, n + t + 1), 1e-5);
        }
      }
    } finally {
      await session.release();
    }
  });
});
