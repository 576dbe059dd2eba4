import { describe, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectGradientsMatch, gradCheck } from './harness/gradCheck.js';

// float64, central differences with h = 1e-6: truncation O(h²) and round-off O(ε/h) are both far
// below the stated 1e-6 max-norm relative tolerance.
const TOL = 1e-6;

describe('gradients of unary math ops (float64 vs central differences, ≤ 1e-6 relative)', () => {
  const unary: readonly [string, (g: G.GraphBuilder, x: G.Tensor) => G.Tensor, number, number][] = [
    ['Neg', G.neg, -2, 2],
    ['Sqrt', G.sqrt, 0.5, 2],
    ['Exp', G.exp, -2, 2],
    ['Log', G.log, 0.5, 3],
    ['Tanh', G.tanh, -2, 2],
    ['Sigmoid', G.sigmoid, -3, 3],
    ['Cos', G.cos, -3, 3],
    ['Sin', G.sin, -3, 3],
    ['Reciprocal', G.reciprocal, 0.5, 2],
    ['Identity', G.identity, -1, 1],
  ];
  for (const [op, f, lo, hi] of unary) {
    it(op, async () => {
      const r = await gradCheck({ dtype: 'float64', inputs: { x: { dims: [2, 3], lo, hi } }, build: (g, x) => f(g, x.x as G.Tensor) });
      expectGradientsMatch(r, TOL);
    });
  }

  // ORT 1.30 has no float64 Erf kernel on CPU, so this one runs in float32 with h = 1e-3: round-off
  // of a float32 loss (~1e-7·|L|/h ≈ 1e-4) dominates, hence the looser 2e-3.
  it('Erf (float32, ≤ 2e-3 relative)', async () => {
    const r = await gradCheck({ dtype: 'float32', inputs: { x: { dims: [2, 3], lo: -2, hi: 2 } }, build: (g, x) => G.erf(g, x.x as G.Tensor) }, 1e-3);
    expectGradientsMatch(r, 2e-3);
  });

  it('Pow with a constant exponent, and with a differentiated exponent', async () => {
    const constExp = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 3], lo: 0.5, hi: 2 } },
      build: (g, x) => G.pow(g, x.x as G.Tensor, G.scalar(g, 2.5, 'float64')),
    });
    expectGradientsMatch(constExp, TOL);
    const both = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 3], lo: 0.5, hi: 2 }, p: { dims: [3], lo: -1, hi: 2 } },
      build: (g, x) => G.pow(g, x.x as G.Tensor, x.p as G.Tensor),
    });
    expectGradientsMatch(both, TOL);
  });

  it('Cast between float types (float64 → float32 → float64 island, ≤ 1e-3)', async () => {
    // The round trip through float32 quantises the loss, so this checks the pass-through wiring only.
    const r = await gradCheck(
      { dtype: 'float64', inputs: { x: { dims: [4] } }, build: (g, x) => G.cast(g, G.mul(g, G.cast(g, x.x as G.Tensor, 'float32'), G.scalar(g, 3, 'float32')), 'float64') },
      1e-3,
    );
    expectGradientsMatch(r, 1e-3);
  });
});
