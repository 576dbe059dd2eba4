import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { map, zip } from './reference/elementwise.js';
import { sliceAxis } from './reference/indexing.js';
import { nd } from './reference/NdArray.js';
import { expectClose, TOL } from './reference/expectClose.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

const bools = (t: { data: unknown }): number[] => Array.from(t.data as Uint8Array);

describe('remaining comparison and logic ops', () => {
  it('lessOrEqual, greater, and, or, not', async () => {
    const g = new G.GraphBuilder();
    const a = g.input('a', 'float64', [4]);
    const b = g.input('b', 'float64', [4]);
    const le = G.lessOrEqual(g, a, b);
    const gt = G.greater(g, a, b);
    g.output(le, 'le');
    g.output(gt, 'gt');
    g.output(G.and(g, le, G.not(g, gt)), 'and');
    g.output(G.or(g, gt, le), 'or');
    const [av, bv] = [[1, 2, 3, 4], [2, 2, 2, 5]];
    const out = await runGraph(g, { a: host('float64', [4], av), b: host('float64', [4], bv) });
    const A = nd([4], av);
    const B = nd([4], bv);
    const le0 = Array.from(zip(A, B, (x, y) => +(x <= y)).data);
    expect(bools(outputOf(out, 'le'))).toEqual(le0);
    expect(bools(outputOf(out, 'gt'))).toEqual(Array.from(zip(A, B, (x, y) => +(x > y)).data));
    expect(bools(outputOf(out, 'and'))).toEqual(le0);
    expect(bools(outputOf(out, 'or'))).toEqual([1, 1, 1, 1]);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`reciprocal (${dtype})`, async () => {
      const g = new G.GraphBuilder();
      g.output(G.reciprocal(g, g.input('x', dtype, [3])), 'y');
      const xv = [0.5, -4, 3];
      const out = await runGraph(g, { x: host(dtype, [3], xv) });
      expectClose(outputOf(out, 'y').data, map(nd([3], xv), (x) => 1 / x).data, TOL[dtype]);
    });
  }
});

describe('runtime-shaped ops (shape tensors computed in the graph)', () => {
  it('sliceDynamic keeps the last `n` positions, n read from another input', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float64', [2, 'total']);
    const n = G.shape(g, g.input('query', 'float64', [2, 'seq']), 1, 2); // (1) = [S]
    const total = G.shape(g, x, 1, 2); // (1) = [T]
    const y = G.sliceDynamic(g, x, { starts: G.sub(g, total, n), ends: total, axes: [1] }, [2, 'seq']);
    expect(y.shape).toEqual([2, 'seq']);
    g.output(y, 'y');
    const xv = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const out = await runGraph(g, { x: host('float64', [2, 5], xv), query: host('float64', [2, 2], [0, 0, 0, 0]) });
    expect(Array.from(outputOf(out, 'y').data as Float64Array)).toEqual(Array.from(sliceAxis(nd([2, 5], xv), 1, 3, 5).data));
  });

  it('reshape and expand to runtime shape tensors with declared output shapes', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float64', ['n']);
    const like = g.input('like', 'float64', ['rows', 'cols']);
    const target = G.shape(g, like);
    const r = G.reshape(g, x, target, ['rows', 'cols']);
    expect(r.shape).toEqual(['rows', 'cols']);
    g.output(r, 'r');
    const e = G.expand(g, G.scalar(g, 7, 'float64'), target, ['rows', 'cols']);
    g.output(e, 'e');
    const out = await runGraph(g, { x: host('float64', [6], [1, 2, 3, 4, 5, 6]), like: host('float64', [3, 2], new Array(6).fill(0)) });
    expect(outputOf(out, 'r').dims).toEqual([3, 2]);
    expect(Array.from(outputOf(out, 'e').data as Float64Array)).toEqual(new Array(6).fill(7));
  });

  it('renaming an output inserts an Identity node', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float32', [2]);
    g.output(x, 'same_values');
    expect(g.build().nodes.map((n) => n.op)).toEqual(['Identity']);
    const out = await runGraph(g, { x: host('float32', [2], [3, 4]) });
    expect(Array.from(outputOf(out, 'same_values').data as Float32Array)).toEqual([3, 4]);
  });
});
