import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { map, sigmoid, zip, where as refWhere } from './reference/elementwise.js';
import { nd } from './reference/NdArray.js';
import { expectClose, TOL } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

type FloatType = 'float32' | 'float64';
const FLOATS: FloatType[] = ['float32', 'float64'];
const rand = seededRandom(17);

const binaryCases: [string, (g: G.GraphBuilder, a: G.Tensor, b: G.Tensor) => G.Tensor, (x: number, y: number) => number][] = [
  ['add', G.add, (x, y) => x + y],
  ['sub', G.sub, (x, y) => x - y],
  ['mul', G.mul, (x, y) => x * y],
  ['div', G.div, (x, y) => x / y],
  ['pow', G.pow, (x, y) => x ** y],
];

const unaryCases: [string, (g: G.GraphBuilder, x: G.Tensor) => G.Tensor, (x: number) => number, [number, number]][] = [
  ['neg', G.neg, (x) => -x, [-2, 2]],
  ['sqrt', G.sqrt, Math.sqrt, [0.1, 4]],
  ['exp', G.exp, Math.exp, [-4, 4]],
  ['log', G.log, Math.log, [0.05, 5]],
  ['tanh', G.tanh, Math.tanh, [-3, 3]],
  ['sigmoid', G.sigmoid, sigmoid, [-6, 6]],
  ['cos', G.cos, Math.cos, [-4, 4]],
  ['sin', G.sin, Math.sin, [-4, 4]],
];

describe('binary ops broadcast (batch, 3, 4) against (3, 1)', () => {
  for (const [name, op, ref] of binaryCases) {
    for (const dtype of FLOATS) {
      it(`${name} ${dtype}`, async () => {
        const g = new G.GraphBuilder();
        const a = g.input('a', dtype, ['batch', 3, 4]);
        const b = g.input('b', dtype, [3, 1]);
        const y = op(g, a, b);
        expect(y.shape).toEqual(['batch', 3, 4]);
        g.output(y, 'y');
        const av = uniform(rand, 24, 0.5, 2);
        const bv = uniform(rand, 3, 0.5, 2);
        const out = await runGraph(g, { a: host(dtype, [2, 3, 4], av), b: host(dtype, [3, 1], bv) });
        const want = zip(nd([2, 3, 4], av), nd([3, 1], bv), ref);
        expect(outputOf(out, 'y').dims).toEqual(want.shape);
        expectClose(outputOf(out, 'y').data, want.data, TOL[dtype]);
      });
    }
  }
});

describe('unary ops', () => {
  for (const [name, op, ref, [lo, hi]] of unaryCases) {
    for (const dtype of FLOATS) {
      it(`${name} ${dtype}`, async () => {
        const g = new G.GraphBuilder();
        g.output(op(g, g.input('x', dtype, [2, 5])), 'y');
        const xv = uniform(rand, 10, lo, hi);
        const out = await runGraph(g, { x: host(dtype, [2, 5], xv) });
        expectClose(outputOf(out, 'y').data, map(nd([2, 5], xv), ref).data, TOL[dtype]);
      });
    }
  }
});

describe('comparisons, where, cast', () => {
  it('equal / less produce bool and where selects (float64)', async () => {
    const g = new G.GraphBuilder();
    const a = g.input('a', 'float64', [2, 3]);
    const b = g.input('b', 'float64', [3]);
    const eq = G.equal(g, a, b);
    const lt = G.less(g, a, b);
    expect([eq.dtype, lt.dtype]).toEqual(['bool', 'bool']);
    g.output(eq, 'eq');
    g.output(G.where(g, lt, a, G.scalar(g, -7, 'float64')), 'sel');
    const av = [1, 2, 3, 4, 5, 6];
    const bv = [1, 5, 2];
    const out = await runGraph(g, { a: host('float64', [2, 3], av), b: host('float64', [3], bv) });
    const A = nd([2, 3], av);
    const B = nd([3], bv);
    expect(Array.from(outputOf(out, 'eq').data as Uint8Array)).toEqual(Array.from(zip(A, B, (x, y) => +(x === y)).data));
    const want = refWhere(zip(A, B, (x, y) => +(x < y)), A, nd([], [-7]));
    expectClose(outputOf(out, 'sel').data, want.data, TOL.float64);
  });

  it('cast float32 → int64 truncates toward zero, int64 → float64 is exact', async () => {
    const g = new G.GraphBuilder();
    const x = g.input('x', 'float32', [4]);
    const i = G.cast(g, x, 'int64');
    expect(i.dtype).toBe('int64');
    g.output(i, 'i');
    g.output(G.cast(g, i, 'float64'), 'f');
    const out = await runGraph(g, { x: host('float32', [4], [1.7, -1.7, 0, 3]) });
    expect(Array.from(outputOf(out, 'i').data as BigInt64Array, Number)).toEqual([1, -1, 0, 3]);
    expect(Array.from(outputOf(out, 'f').data as Float64Array)).toEqual([1, -1, 0, 3]);
  });

  it('constant embeds values in the graph (not as an initializer)', async () => {
    const g = new G.GraphBuilder();
    const c = G.constantOf(g, 'float32', [1, 2, 3, 4], [2, 2]);
    g.output(G.add(g, c, g.input('x', 'float32', [2, 2])), 'y');
    expect(g.build().initializers).toHaveLength(0);
    const out = await runGraph(g, { x: host('float32', [2, 2], [10, 20, 30, 40]) });
    expect(Array.from(outputOf(out, 'y').data as Float32Array)).toEqual([11, 22, 33, 44]);
  });
});
