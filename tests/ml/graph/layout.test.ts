import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { concat as refConcat, embedding, sliceAxis } from './reference/indexing.js';
import { matmul as refMatmul, transpose as refTranspose } from './reference/linalg.js';
import { zip } from './reference/elementwise.js';
import { nd } from './reference/NdArray.js';
import { expectClose, TOL } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

const rand = seededRandom(5);
const FLOATS = ['float32', 'float64'] as const;

describe('matmul and linear', () => {
  for (const dtype of FLOATS) {
    it(`batched matmul broadcasts batch dims (${dtype})`, async () => {
      const g = new G.GraphBuilder();
      const a = g.input('a', dtype, ['batch', 2, 3, 4]);
      const b = g.input('b', dtype, [2, 4, 5]);
      const y = G.matmul(g, a, b);
      expect(y.shape).toEqual(['batch', 2, 3, 5]);
      g.output(y, 'y');
      const [av, bv] = [uniform(rand, 48), uniform(rand, 40)];
      const out = await runGraph(g, { a: host(dtype, [2, 2, 3, 4], av), b: host(dtype, [2, 4, 5], bv) });
      expectClose(outputOf(out, 'y').data, refMatmul(nd([2, 2, 3, 4], av), nd([2, 4, 5], bv)).data, TOL[dtype]);
    });

    it(`linear = x·W + b with (in, out) weights (${dtype})`, async () => {
      const g = new G.GraphBuilder();
      const [wv, bv, xv] = [uniform(rand, 12), uniform(rand, 4), uniform(rand, 6)];
      const data = (v: number[]) => (dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v));
      const w = g.initializer('w', data(wv), [3, 4]);
      const bias = g.initializer('b', data(bv), [4]);
      g.output(G.linear(g, g.input('x', dtype, ['batch', 3]), w, bias), 'y');
      const out = await runGraph(g, { x: host(dtype, [2, 3], xv) });
      const want = zip(refMatmul(nd([2, 3], xv), nd([3, 4], wv)), nd([4], bv), (p, q) => p + q);
      expectClose(outputOf(out, 'y').data, want.data, TOL[dtype]);
    });
  }
});

describe('layout ops (float64, exact data movement)', () => {
  it('transpose', async () => {
    const g = new G.GraphBuilder();
    const y = G.transpose(g, g.input('x', 'float64', ['batch', 3, 4]), [2, 0, 1]);
    expect(y.shape).toEqual([4, 'batch', 3]);
    g.output(y, 'y');
    const xv = uniform(rand, 24);
    const out = await runGraph(g, { x: host('float64', [2, 3, 4], xv) });
    expect(Array.from(outputOf(out, 'y').data as Float64Array)).toEqual(Array.from(refTranspose(nd([2, 3, 4], xv), [2, 0, 1]).data));
  });

  it('reshape keeps symbolic dims (0 = copy) and infers one (-1)', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float64', ['batch', 'seq', 6]);
    const heads = G.reshape(g, x, ['batch', 'seq', 2, 3]);
    expect(heads.shape).toEqual(['batch', 'seq', 2, 3]);
    const flat = G.reshape(g, heads, ['tokens', 6]);
    expect(flat.shape).toEqual(['tokens', 6]);
    g.output(flat, 'y');
    const xv = uniform(rand, 24);
    const out = await runGraph(g, { x: host('float64', [2, 2, 6], xv) });
    expect(outputOf(out, 'y').dims).toEqual([4, 6]);
    expect(Array.from(outputOf(out, 'y').data as Float64Array)).toEqual(xv);
  });

  it('unsqueeze / squeeze with axes as int64 inputs', async () => {
    const g = new G.GraphBuilder();
    const u = G.unsqueeze(g, g.input('x', 'float64', ['batch', 3]), [0, -1]);
    expect(u.shape).toEqual([1, 'batch', 3, 1]);
    g.output(u, 'u');
    g.output(G.squeeze(g, u, [0, 3]), 's');
    const out = await runGraph(g, { x: host('float64', [2, 3], [1, 2, 3, 4, 5, 6]) });
    expect(outputOf(out, 'u').dims).toEqual([1, 2, 3, 1]);
    expect(outputOf(out, 's').dims).toEqual([2, 3]);
  });

  it('concat joins along an axis, naming symbolic sums', async () => {
    const g = new G.GraphBuilder();
    const a = g.input('a', 'float64', [2, 'past']);
    const b = g.input('b', 'float64', [2, 'seq']);
    const y = G.concat(g, [a, b], 1);
    expect(y.shape).toEqual([2, 'past+seq']);
    g.output(y, 'y');
    const [av, bv] = [uniform(rand, 6), uniform(rand, 4)];
    const out = await runGraph(g, { a: host('float64', [2, 3], av), b: host('float64', [2, 2], bv) });
    expect(Array.from(outputOf(out, 'y').data as Float64Array)).toEqual(Array.from(refConcat([nd([2, 3], av), nd([2, 2], bv)], 1).data));
  });

  it('slice along one axis, and to the end', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float64', [3, 8]);
    const s = G.slice(g, x, { starts: [2], ends: [G.SLICE_END], axes: [1] });
    expect(s.shape).toEqual([3, 6]);
    g.output(s, 'y');
    const xv = uniform(rand, 24);
    const out = await runGraph(g, { x: host('float64', [3, 8], xv) });
    expect(Array.from(outputOf(out, 'y').data as Float64Array)).toEqual(Array.from(sliceAxis(nd([3, 8], xv), 1, 2, 8).data));
  });

  it('gather as embedding lookup', async () => {
    const g = new G.GraphBuilder();
    const tv = uniform(rand, 20);
    const table = g.initializer('embed', Float32Array.from(tv), [5, 4]);
    const y = G.gather(g, table, g.input('ids', 'int64', ['batch', 'seq']));
    expect(y.shape).toEqual(['batch', 'seq', 4]);
    g.output(y, 'y');
    const ids = [4, 0, 2, 2, 1, 3];
    const out = await runGraph(g, { ids: host('int64', [2, 3], ids) });
    expectClose(outputOf(out, 'y').data, embedding(nd([5, 4], tv), ids, [2, 3]).data, 0);
  });

  it('expand broadcasts with 1 = keep, and shape returns runtime dims', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float64', ['batch', 1, 3]);
    const y = G.expand(g, x, [1, 4, 1]);
    expect(y.shape).toEqual(['batch', 4, 3]);
    g.output(y, 'y');
    g.output(G.shape(g, y), 'dims');
    const out = await runGraph(g, { x: host('float64', [2, 1, 3], [1, 2, 3, 4, 5, 6]) });
    expect(outputOf(out, 'y').dims).toEqual([2, 4, 3]);
    expect(Array.from(outputOf(out, 'dims').data as BigInt64Array, Number)).toEqual([2, 4, 3]);
    expect(Array.from(outputOf(out, 'y').data as Float64Array).slice(0, 6)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
