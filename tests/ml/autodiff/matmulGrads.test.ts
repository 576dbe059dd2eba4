import { describe, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectGradientsMatch, gradCheck } from './harness/gradCheck.js';

const TOL = 1e-6; // float64 central differences, h = 1e-6

describe('MatMul gradient (float64, ≤ 1e-6 relative)', () => {
  const cases: readonly [string, readonly number[], readonly number[]][] = [
    ['2-D', [3, 4], [4, 2]],
    ['batched, same batch', [2, 3, 4], [2, 4, 5]],
    ['shared weight under a batch (linear layer)', [2, 3, 4], [4, 5]],
    ['batch dims broadcast both ways', [2, 1, 3, 4], [1, 2, 4, 2]],
  ];
  for (const [label, aDims, bDims] of cases) {
    it(label, async () => {
      const r = await gradCheck({
        dtype: 'float64',
        inputs: { a: { dims: aDims }, b: { dims: bDims } },
        build: (g, t) => G.matmul(g, t.a as G.Tensor, t.b as G.Tensor),
      });
      expectGradientsMatch(r, TOL);
    });
  }

  it('x·Wᵀ with an (out, in) weight (linearOutIn: MatMul after Transpose)', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 3, 4] }, w: { dims: [5, 4] }, b: { dims: [5] } },
      build: (g, t) => G.linearOutIn(g, t.x as G.Tensor, t.w as G.Tensor, t.b as G.Tensor),
    });
    expectGradientsMatch(r, TOL);
  });
});
