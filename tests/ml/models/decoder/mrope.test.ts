import { describe, expect, it } from 'vitest';
import * as G from '../../../../src-main/ml/graph/index.js';
import { buildDecoderMerged, LOGITS, mropeTables } from '../../../../src-main/ml/models/decoder/index.js';
import type { HostTensor } from '../../../../src-main/ml/ort/index.js';
import { expectClose, relativeError } from '../../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../../graph/reference/rng.js';
import { ropeRows } from '../../graph/reference/transformer.js';
import { decoderForwardRef } from './reference/decoderForwardRef.js';
import { mropeRows } from './reference/mropeRows.js';
import { decoderFeeds, logitRows, openGraph, presentsAsPast } from './harness/decoderSession.js';
import { tinyConfig, tinyWeights } from './harness/tinyDecoder.js';

/**
 * Qwen2-VL position ids (get_rope_index) for: 3 text tokens, a 1×2×3 (t, h, w) grid of image tokens
 * starting at the next text index, then 2 text tokens resuming at max + 1. Returns (3, S) rows.
 */
function imagePositions(): number[][] {
  const [t, h, w] = [[0, 1, 2], [0, 1, 2], [0, 1, 2]];
  for (let hi = 0; hi < 2; hi++) {
    for (let wi = 0; wi < 3; wi++) {
      t.push(3);
      h.push(3 + hi);
      w.push(3 + wi);
    }
  }
  for (const p of [6, 7]) [t, h, w].forEach((row) => row.push(p));
  return [t, h, w];
}

const rows = imagePositions();
const seq = rows[0]?.length ?? 0;
const positions = rows.flat();
const ids = Array.from({ length: seq }, (_, i) => (i * 7 + 3) % 64);
const mask = new Array<number>(seq).fill(1);

describe('M-RoPE', () => {
  it('reference: equal (t, h, w) rows reduce to 1-D RoPE', () => {
    const [tokens, heads, dh] = [5, 2, 8];
    const x = Float64Array.from(uniform(seededRandom(3), tokens * heads * dh));
    const pos = [0, 3, 4, 9, 20];
    const viaMrope = Float64Array.from(x);
    mropeRows(viaMrope, [...pos, ...pos, ...pos], tokens, heads, dh, 100, [1, 1, 2]);
    const viaRope = Float64Array.from(x);
    ropeRows(viaRope, pos, heads, dh, 100);
    expectClose(viaMrope, viaRope, 1e-15);
  });

  it('mropeTables + applyRope rotate (B, H, S, Dh) like the per-pair reference (float64)', async () => {
    const config = tinyConfig('float64');
    const [b, h, dh] = [1, 2, config.headDim];
    const g = new G.GraphBuilder();
    const tables = mropeTables(g, g.input('position_ids', 'int64', [3, 'batch', 'seq']), config);
    g.output(G.applyRope(g, g.input('x', 'float64', ['batch', h, 'seq', dh]), tables), 'y');
    const xv = uniform(seededRandom(9), b * h * seq * dh);
    const session = await openGraph(g, 'float64');
    try {
      const out = await session.run({
        x: { type: 'float64', dims: [b, h, seq, dh], data: Float64Array.from(xv) },
        position_ids: { type: 'int64', dims: [3, b, seq], data: BigInt64Array.from(positions, BigInt) },
      });
      // (H, S, Dh) → (S, H, Dh) rows for the reference, then back.
      const toRows = (src: ArrayLike<number>, from: (hi: number, si: number) => number, to: (hi: number, si: number) => number): Float64Array => {
        const dst = new Float64Array(src.length);
        for (let hi = 0; hi < h; hi++) for (let si = 0; si < seq; si++) for (let d = 0; d < dh; d++) dst[to(hi, si) * dh + d] = src[from(hi, si) * dh + d] ?? NaN;
        return dst;
      };
      const headMajor = (hi: number, si: number): number => hi * seq + si;
      const tokenMajor = (hi: number, si: number): number => si * h + hi;
      const ref = toRows(xv, headMajor, tokenMajor);
      mropeRows(ref, positions, seq, h, dh, config.ropeTheta, config.mropeSection);
      expectClose(out.y?.data ?? [], toRows(ref, tokenMajor, headMajor), 1e-12);
    } finally {
      await session.release();
    }
  });

  for (const [dtype, tolerance] of [['float32', 1e-4], ['float64', 1e-9]] as const) {
    it(`decoder logits with image (t, h, w) positions match the reference (${dtype}, ≤ ${tolerance})`, async () => {
      const config = tinyConfig(dtype);
      const weights = tinyWeights(config, 6);
      const session = await openGraph(buildDecoderMerged(config, weights), dtype);
      try {
        const out = await session.run(decoderFeeds(config, weights, { batch: 1, seq, ids, mask, positions }));
        const got = out[LOGITS]?.data ?? [];
        expectClose(got, decoderForwardRef(config, weights, { batch: 1, seq, ids, mask, positions }), tolerance);
        // The check can fail: the answer with h and w swapped, or with text positions on all axes, is far off.
        const [t, h, w] = rows as [number[], number[], number[]];
        for (const wrong of [[...t, ...w, ...h], [...t, ...t, ...t]]) {
          expect(relativeError(got, decoderForwardRef(config, weights, { batch: 1, seq, ids, mask, positions: wrong }))).toBeGreaterThan(1e-3);
        }
      } finally {
        await session.release();
      }
    });
  }

  it('a text token decoded after an image prefill with the cache equals the full recompute (float32, ≤ 1e-5)', async () => {
    const config = tinyConfig('float32');
    const weights = tinyWeights(config, 6);
    const session = await openGraph(buildDecoderMerged(config, weights), 'float32');
    try {
      const prefix = seq - 1;
      const head = (row: readonly number[] | undefined): number[] => (row ?? []).slice(0, prefix);
      const prefill = await session.run(decoderFeeds(config, weights, { batch: 1, seq: prefix, ids: ids.slice(0, prefix), mask: mask.slice(0, prefix), positions: rows.flatMap(head) }));
      const last = rows.map((row) => row[prefix] ?? 0);
      const step = await session.run(decoderFeeds(config, weights, { batch: 1, seq: 1, ids: ids.slice(prefix), mask, positions: last, past: presentsAsPast(config, prefill) }));
      const full = await session.run(decoderFeeds(config, weights, { batch: 1, seq, ids, mask, positions }));
      const [got, want] = [step[LOGITS] as HostTensor, full[LOGITS] as HostTensor];
      expectClose(logitRows(got.data, got.dims, 0, 0, 1), logitRows(want.data, want.dims, 0, prefix, seq), 1e-5);
    } finally {
      await session.release();
    }
  });
});
