import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { sliceIndices } from '../../../src-main/ml/autodiff/rules/indexingGrads.js';
import { expectGradientsMatch, gradCheck } from './harness/gradCheck.js';

const TOL = 1e-6; // float64 central differences, h = 1e-6

describe('Slice gradient (float64, ≤ 1e-6 relative)', () => {
  const cases: readonly [string, Parameters<typeof G.slice>[2]][] = [
    ['contiguous, one axis', { starts: [1], ends: [4], axes: [1] }],
    ['to the end (rotate-half second half)', { starts: [2], ends: [G.SLICE_END], axes: [-1] }],
    ['two axes, negative start', { starts: [-2, 0], ends: [G.SLICE_END, 2], axes: [0, 2] }],
    ['step 2', { starts: [0], ends: [5], axes: [1], steps: [2] }],
    ['negative step (reverse)', { starts: [-1], ends: [-G.SLICE_END], axes: [1], steps: [-1] }],
  ];
  for (const [label, spec] of cases) {
    it(label, async () => {
      const r = await gradCheck({ dtype: 'float64', inputs: { x: { dims: [3, 5, 4] } }, build: (g, t) => G.slice(g, t.x as G.Tensor, spec) });
      expectGradientsMatch(r, TOL);
    });
  }

  it('rotateHalf (two slices + Neg + Concat of one tensor)', async () => {
    const r = await gradCheck({ dtype: 'float64', inputs: { x: { dims: [2, 3, 4] } }, build: (g, t) => G.rotateHalf(g, t.x as G.Tensor) });
    expectGradientsMatch(r, TOL);
  });

  it('sliceIndices follows ONNX clamping', () => {
    expect(sliceIndices(5, 1, 4, 1)).toEqual([1, 2, 3]);
    expect(sliceIndices(5, -2, G.SLICE_END, 1)).toEqual([3, 4]);
    expect(sliceIndices(5, 0, 5, 2)).toEqual([0, 2, 4]);
    expect(sliceIndices(5, -1, -G.SLICE_END, -1)).toEqual([4, 3, 2, 1, 0]);
    expect(sliceIndices(5, 10, 0, -2)).toEqual([4, 2]);
  });
});

describe('Gather gradient: one-hot MatMul, repeated indices accumulate (float64, ≤ 1e-6)', () => {
  it('embedding lookup (axis 0) with repeated and negative indices', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: { table: { dims: [6, 3] }, ids: { dims: [2, 4], type: 'int64', values: [1, 3, 1, 1, 0, -1, 3, 5] } },
      build: (g, t) => G.gather(g, t.table as G.Tensor, t.ids as G.Tensor, 0),
    });
    expectGradientsMatch(r, TOL);
    // Row 1 is picked three times: its gradient is the sum of three output rows' weights, not one.
    const grad = r.analytic.table ?? [];
    expect(Math.abs(grad[3] ?? 0)).toBeGreaterThan(0);
    expect(grad.slice(2 * 3, 3 * 3)).toEqual([0, 0, 0]); // row 2 never picked
  });

  it('middle axis, int32 indices, scalar index', async () => {
    const mid = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 5, 3] }, i: { dims: [4], type: 'int32', values: [4, 0, 4, 2] } },
      build: (g, t) => G.gather(g, t.x as G.Tensor, t.i as G.Tensor, 1),
    });
    expectGradientsMatch(mid, TOL);
    const scalarIndex = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [3, 4] } },
      build: (g, t) => G.gather(g, t.x as G.Tensor, G.scalar(g, 2, 'int64'), 1),
    });
    expectGradientsMatch(scalarIndex, TOL);
  });
});

describe('Trilu gradient', () => {
  it('upper triangle with offset k', async () => {
    const r = await gradCheck({
      dtype: 'float64',
      inputs: { x: { dims: [2, 3, 3] } },
      build: (g, t) => G.trilu(g, t.x as G.Tensor, true, G.scalar(g, 1, 'int64')),
    });
    expectGradientsMatch(r, TOL);
  });
});
