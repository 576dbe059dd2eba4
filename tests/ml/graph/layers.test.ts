import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectClose, TOL } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { allowed, attentionRows, linearRows, ropeRows, rmsNormRows, type BlockConfig } from './reference/transformer.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

const rand = seededRandom(23);
const FLOATS = ['float32', 'float64'] as const;
const typed = (dtype: 'float32' | 'float64', v: number[]) => (dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v));
const silu = (x: number): number => x / (1 + Math.exp(-x));

describe('layer helpers', () => {
  for (const dtype of FLOATS) {
    it(`rmsNorm (${dtype})`, async () => {
      const g = new G.GraphBuilder();
      const wv = uniform(rand, 8, 0.5, 1.5);
      g.output(G.rmsNorm(g, g.input('x', dtype, ['batch', 'seq', 8]), g.initializer('w', typed(dtype, wv), [8]), 1e-6), 'y');
      const xv = uniform(rand, 48, -2, 2);
      const out = await runGraph(g, { x: host(dtype, [2, 3, 8], xv) });
      expectClose(outputOf(out, 'y').data, rmsNormRows(Float64Array.from(xv), 8, wv, 1e-6), TOL[dtype]);
    });

    it(`silu and swigluMlp (${dtype})`, async () => {
      const g = new G.GraphBuilder();
      const x = g.input('x', dtype, ['batch', 4]);
      const [gw, uw, dw] = [uniform(rand, 24), uniform(rand, 24), uniform(rand, 24)];
      g.output(G.silu(g, x), 'silu');
      const w = { gate: g.initializer('gate', typed(dtype, gw), [4, 6]), up: g.initializer('up', typed(dtype, uw), [4, 6]), down: g.initializer('down', typed(dtype, dw), [6, 4]) };
      g.output(G.swigluMlp(g, x, w), 'mlp');
      const xv = uniform(rand, 8, -3, 3);
      const out = await runGraph(g, { x: host(dtype, [2, 4], xv) });
      expectClose(outputOf(out, 'silu').data, xv.map(silu), TOL[dtype]);
      const xs = Float64Array.from(xv);
      const [gate, up] = [linearRows(xs, 4, gw, 6), linearRows(xs, 4, uw, 6)];
      expectClose(outputOf(out, 'mlp').data, linearRows(gate.map((v, i) => silu(v) * (up[i] ?? 0)), 6, dw, 4), TOL[dtype]);
    });

    it(`rope rotate-half on (B, H, S, D) with per-batch positions (${dtype})`, async () => {
      const [b, h, s, d] = [2, 3, 4, 8];
      const g = new G.GraphBuilder();
      const tables = G.ropeTables(g, g.input('pos', 'int64', ['batch', 'seq']), d, 10000, dtype);
      const y = G.applyRope(g, g.input('x', dtype, ['batch', h, 'seq', d]), tables);
      expect(y.shape).toEqual(['batch', h, 'seq', d]);
      g.output(y, 'y');
      const xv = uniform(rand, b * h * s * d);
      const pos = [0, 1, 2, 3, 7, 8, 40, 41];
      const out = await runGraph(g, { x: host(dtype, [b, h, s, d], xv), pos: host('int64', [b, s], pos) });
      // Reference works on (token, head, D) rows: transpose (B, H, S, D) → (B, S, H, D) and back.
      const rows = new Float64Array(xv.length);
      const at = (bi: number, hi: number, si: number, di: number): number => ((bi * h + hi) * s + si) * d + di;
      const rowAt = (bi: number, hi: number, si: number, di: number): number => ((bi * s + si) * h + hi) * d + di;
      for (let i = 0; i < xv.length; i++) {
        const [bi, hi, si, di] = [Math.floor(i / (h * s * d)), Math.floor(i / (s * d)) % h, Math.floor(i / d) % s, i % d];
        rows[rowAt(bi, hi, si, di)] = xv[at(bi, hi, si, di)] ?? 0;
      }
      ropeRows(rows, pos, h, d, 10000);
      const want = new Float64Array(xv.length);
      for (let i = 0; i < xv.length; i++) {
        const [bi, hi, si, di] = [Math.floor(i / (h * s * d)), Math.floor(i / (s * d)) % h, Math.floor(i / d) % s, i % d];
        want[i] = rows[rowAt(bi, hi, si, di)] ?? 0;
      }
      // float32 angles up to 41 rad: the cos/sin argument is rounded to float32 first (~2e-6 abs).
      expectClose(outputOf(out, 'y').data, want, dtype === 'float32' ? 1e-5 : TOL.float64);
    });
  }

  for (const [queryLen, keyLen] of [
    [4, 4],
    [2, 5],
  ] as const) {
    it(`causal + padding mask, S=${queryLen} T=${keyLen}`, async () => {
      const g = new G.GraphBuilder();
      const mask = G.causalAttentionMask(g, g.input('attention_mask', 'int64', ['batch', 'total']), g.input('h', 'float32', ['batch', 'seq', 2]), 'float32');
      expect(mask.shape).toEqual(['batch', 1, 'seq', 'total']);
      g.output(mask, 'mask');
      const m = keyLen === 4 ? [1, 1, 1, 1, 0, 1, 1, 1] : [1, 1, 1, 1, 1, 0, 0, 1, 1, 1];
      const out = await runGraph(g, { attention_mask: host('int64', [2, keyLen], m), h: host('float32', [2, queryLen, 2], new Array(4 * queryLen).fill(0)) });
      const got = outputOf(out, 'mask');
      expect(got.dims).toEqual([2, 1, queryLen, keyLen]);
      const want: number[] = [];
      for (let b = 0; b < 2; b++) for (let s = 0; s < queryLen; s++) for (let j = 0; j < keyLen; j++) want.push(allowed(m, b, s, j, queryLen, keyLen) ? 0 : -3.4028234663852886e38);
      expect(Array.from(got.data as Float32Array)).toEqual(want);
    });
  }

  for (const dtype of FLOATS) {
    it(`scaled dot-product attention, 4 query heads over 2 KV heads, causal + left padding (${dtype})`, async () => {
      const cfg: BlockConfig = { hidden: 0, heads: 4, kvHeads: 2, headDim: 4, ffn: 0, theta: 0, eps: 0 };
      const [b, s] = [2, 5];
      const g = new G.GraphBuilder();
      const x = g.input('h', dtype, ['batch', 'seq', 16]);
      const q = G.splitHeads(g, x, 4);
      const k = G.splitHeads(g, g.input('k', dtype, ['batch', 'seq', 8]), 2);
      const v = G.splitHeads(g, g.input('v', dtype, ['batch', 'seq', 8]), 2);
      const mask = G.causalAttentionMask(g, g.input('attention_mask', 'int64', ['batch', 'seq']), x, dtype);
      const y = G.mergeHeads(g, G.scaledDotProductAttention(g, q, k, v, { mask }));
      expect(y.shape).toEqual(['batch', 'seq', 16]);
      g.output(y, 'y');
      const [qv, kv, vv] = [uniform(rand, b * s * 16, -2, 2), uniform(rand, b * s * 8, -2, 2), uniform(rand, b * s * 8)];
      const m = [1, 1, 1, 1, 1, 0, 0, 1, 1, 1];
      const out = await runGraph(g, { h: host(dtype, [b, s, 16], qv), k: host(dtype, [b, s, 8], kv), v: host(dtype, [b, s, 8], vv), attention_mask: host('int64', [b, s], m) });
      const want = attentionRows(Float64Array.from(qv), Float64Array.from(kv), Float64Array.from(vv), m, b, s, cfg);
      expectClose(outputOf(out, 'y').data, want, TOL[dtype]);
    });
  }
});

describe('range and trilu', () => {
  it('range over int64 and float64', async () => {
    const g = new G.GraphBuilder();
    g.output(G.range(g, G.scalar(g, 2, 'int64'), g.input('n', 'int64', []), G.scalar(g, 3, 'int64'), 'len'), 'r');
    g.output(G.range(g, G.scalar(g, 0.5, 'float64'), G.scalar(g, 2, 'float64'), G.scalar(g, 0.25, 'float64')), 'f');
    const out = await runGraph(g, { n: host('int64', [], [11]) });
    expect(Array.from(outputOf(out, 'r').data as BigInt64Array, Number)).toEqual([2, 5, 8]);
    expect(Array.from(outputOf(out, 'f').data as Float64Array)).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75]);
  });

  it('trilu keeps the lower triangle', async () => {
    const g = new G.GraphBuilder();
    g.output(G.trilu(g, g.input('x', 'float32', [3, 3]), false), 'y');
    const out = await runGraph(g, { x: host('float32', [3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]) });
    expect(Array.from(outputOf(out, 'y').data as Float32Array)).toEqual([1, 0, 0, 4, 5, 0, 7, 8, 9]);
  });
});
