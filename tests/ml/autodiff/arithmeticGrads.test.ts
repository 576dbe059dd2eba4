import { describe, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { expectGradientsMatch, gradCheck, type FeedSpec } from './harness/gradCheck.js';

const TOL = 1e-6; // float64 central differences, h = 1e-6 (see unaryMathGrads.test.ts)
const x = (t: Readonly<Record<string, G.Tensor>>, name: string): G.Tensor => t[name] as G.Tensor;

describe('gradients of broadcasting binary ops (float64, ≤ 1e-6 relative)', () => {
  // Each shape pair exercises a different adjoint of broadcasting: none, a size-1 axis, missing
  // leading axes, both operands broadcast at once, and a scalar.
  const shapes: readonly [string, readonly number[], readonly number[]][] = [
    ['same shape', [2, 3], [2, 3]],
    ['size-1 axis', [2, 3], [2, 1]],
    ['missing leading axes', [2, 3, 4], [4]],
    ['both broadcast', [2, 1, 4], [3, 1]],
    ['scalar', [2, 3], []],
  ];
  const ops: readonly [string, (g: G.GraphBuilder, a: G.Tensor, b: G.Tensor) => G.Tensor, FeedSpec['lo'], FeedSpec['hi']][] = [
    ['Add', G.add, -1, 1],
    ['Sub', G.sub, -1, 1],
    ['Mul', G.mul, -1, 1],
    ['Div', G.div, 0.5, 2],
  ];
  for (const [op, f, lo, hi] of ops) {
    for (const [label, aDims, bDims] of shapes) {
      it(`${op}: ${label} [${aDims.join(',')}] ∘ [${bDims.join(',')}]`, async () => {
        const r = await gradCheck({
          dtype: 'float64',
          inputs: { a: { dims: aDims, lo, hi }, b: { dims: bDims, lo, hi } },
          build: (g, t) => f(g, x(t, 'a'), x(t, 'b')),
        });
        expectGradientsMatch(r, TOL);
      });
    }
  }

  it('x · x: both uses of one tensor are summed (∂ = 2x·w)', async () => {
    const r = await gradCheck({ dtype: 'float64', inputs: { x: { dims: [5] } }, build: (g, t) => G.mul(g, x(t, 'x'), x(t, 'x')) });
    expectGradientsMatch(r, TOL);
  });

  it('Where: gradient flows to the chosen branch only, broadcasting the mask and a scalar branch', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: {
        mask: { dims: [1, 3], type: 'bool', values: [1, 0, 1] },
        a: { dims: [2, 3] },
        b: { dims: [] },
      },
      wrt: ['a', 'b'],
      build: (g, t) => G.where(g, x(t, 'mask'), x(t, 'a'), x(t, 'b')),
    });
    expectGradientsMatch(r, TOL);
  });
});
