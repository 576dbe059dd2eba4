import { describe, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectGradientsMatch, gradCheck } from './harness/gradCheck.js';

const TOL = 1e-6; // float64 central differences, h = 1e-6
const check = async (dims: readonly number[], build: (g: G.GraphBuilder, x: G.Tensor) => G.Tensor): Promise<void> => {
  expectGradientsMatch(await gradCheck({ dtype: 'float64', inputs: { x: { dims } }, build: (g, t) => build(g, t.x as G.Tensor) }), TOL);
};

describe('gradients of layout ops (float64, ≤ 1e-6 relative)', () => {
  it('Transpose (rank 4, non-involutive perm)', () => check([2, 3, 4, 2], (g, x) => G.transpose(g, x, [2, 0, 3, 1])));
  it('Transpose (default reversed perm)', () => check([2, 3, 4], (g, x) => g.apply('Transpose', [x])));
  it('Reshape', () => check([2, 3, 4], (g, x) => G.reshape(g, x, [4, 6])));
  it('Unsqueeze', () => check([2, 3], (g, x) => G.unsqueeze(g, x, [0, 2])));
  it('Squeeze', () => check([2, 1, 3, 1], (g, x) => G.squeeze(g, x, [1, 3])));
  it('Expand (GQA repeat: new axis and grown size-1 axis)', () => check([2, 1, 3], (g, x) => G.expand(g, x, [4, 2, 5, 3])));
  it('Concat of a tensor with itself and a transform of it (uses summed)', () =>
    check([2, 3], (g, x) => G.concat(g, [x, G.exp(g, x), x], 1)));
  it('Concat with a part not differentiated (only b gets a gradient; a KV cache + new keys)', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: { a: { dims: [2, 2, 3] }, b: { dims: [2, 4, 3] } },
      wrt: ['b'],
      build: (g, t) => G.concat(g, [t.a as G.Tensor, t.b as G.Tensor], -2),
    });
    expectGradientsMatch(r, TOL);
  });
});
