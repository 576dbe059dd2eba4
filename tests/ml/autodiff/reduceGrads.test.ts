import { describe, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectGradientsMatch, gradCheck } from './harness/gradCheck.js';

const TOL = 1e-6; // float64 central differences, h = 1e-6
const check = async (dims: readonly number[], build: (g: G.GraphBuilder, x: G.Tensor) => G.Tensor): Promise<void> => {
  expectGradientsMatch(await gradCheck({ dtype: 'float64', inputs: { x: { dims, lo: -2, hi: 2 } }, build: (g, t) => build(g, t.x as G.Tensor) }), TOL);
};

describe('gradients of reductions and softmax (float64, ≤ 1e-6 relative)', () => {
  for (const keep of [true, false]) {
    it(`ReduceSum (keepdims ${keep})`, () => check([2, 3, 4], (g, x) => G.reduceSum(g, x, [0, 2], keep)));
    it(`ReduceMean (keepdims ${keep})`, () => check([2, 3, 4], (g, x) => G.reduceMean(g, x, [-1], keep)));
    // Random inputs have no ties, where max is differentiable.
    it(`ReduceMax (keepdims ${keep})`, () => check([2, 3, 4], (g, x) => G.reduceMax(g, x, [1], keep)));
  }
  it('Softmax (last axis)', () => check([2, 3, 5], (g, x) => G.softmax(g, x, -1)));
  it('Softmax (middle axis)', () => check([2, 3, 5], (g, x) => G.softmax(g, x, 1)));
  it('LogSoftmax', () => check([2, 3, 5], (g, x) => G.logSoftmax(g, x, -1)));
  it('RMSNorm as composed (x and weight)', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 3, 4] }, w: { dims: [4], lo: 0.5, hi: 1.5 } },
      build: (g, t) => G.rmsNorm(g, t.x as G.Tensor, t.w as G.Tensor, 1e-6),
    });
    expectGradientsMatch(r, TOL);
  });
  it('SwiGLU MLP as composed', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 3] }, gate: { dims: [3, 4] }, up: { dims: [3, 4] }, down: { dims: [4, 3] } },
      build: (g, t) => G.swigluMlp(g, t.x as G.Tensor, { gate: t.gate as G.Tensor, up: t.up as G.Tensor, down: t.down as G.Tensor }),
    });
    expectGradientsMatch(r, TOL);
  });
});
