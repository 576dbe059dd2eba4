import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { nd } from './reference/NdArray.js';
import { reduce, softmax } from './reference/reduce.js';
import { expectClose, TOL } from './reference/expectClose.js';
import { seededRandom, uniform } from './reference/rng.js';
import { host, outputOf, runGraph } from './harness/runGraph.js';

const rand = seededRandom(9);
const FLOATS = ['float32', 'float64'] as const;
const reducers = [
  ['mean', G.reduceMean],
  ['sum', G.reduceSum],
  ['max', G.reduceMax],
] as const;

describe('reductions', () => {
  for (const [kind, op] of reducers) {
    for (const dtype of FLOATS) {
      for (const keepdims of [true, false]) {
        it(`reduce ${kind} over [1, -1] keepdims=${keepdims} (${dtype})`, async () => {
          const g = new G.GraphBuilder();
          const y = op(g, g.input('x', dtype, ['batch', 3, 4]), [1, -1], keepdims);
          expect(y.shape).toEqual(keepdims ? ['batch', 1, 1] : ['batch']);
          g.output(y, 'y');
          const xv = uniform(rand, 24, -3, 3);
          const out = await runGraph(g, { x: host(dtype, [2, 3, 4], xv) });
          const want = reduce(nd([2, 3, 4], xv), [1, -1], kind, keepdims);
          expect(outputOf(out, 'y').dims).toEqual(want.shape);
          expectClose(outputOf(out, 'y').data, want.data, TOL[dtype]);
        });
      }
    }
  }
});

describe('softmax family', () => {
  for (const dtype of FLOATS) {
    for (const axis of [-1, 1]) {
      it(`softmax and logSoftmax axis ${axis} (${dtype})`, async () => {
        const g = new G.GraphBuilder();
        const x = g.input('x', dtype, [2, 3, 5]);
        g.output(G.softmax(g, x, axis), 'p');
        g.output(G.logSoftmax(g, x, axis), 'lp');
        const xv = uniform(rand, 30, -8, 8);
        const out = await runGraph(g, { x: host(dtype, [2, 3, 5], xv) });
        expectClose(outputOf(out, 'p').data, softmax(nd([2, 3, 5], xv), axis).data, TOL[dtype]);
        expectClose(outputOf(out, 'lp').data, softmax(nd([2, 3, 5], xv), axis, true).data, TOL[dtype]);
      });
    }
  }
});
