import { describe, expect, it } from 'vitest';
import { grad, gradName, specializeDims } from '../../../src-main/ml/autodiff/index.js';
import * as G from '../../../src-main/ml/graph/index.js';
import { hostOf, openGraph } from './harness/gradCheck.js';

/** Backward nodes are the ones whose outputs the emitter named. */
const backwardOps = (graph: G.Graph): string[] => graph.nodes.filter((n) => n.outputs.some((o) => o.startsWith('grad/'))).map((n) => n.op);

describe('grad: graph structure', () => {
  it('prunes branches that do not reach the loss and keeps the forward outputs', () => {
    const g = new G.GraphBuilder('branches');
    const x = g.input('x', 'float64', [3]);
    g.output(G.reduceSum(g, G.exp(g, x), [0], false), 'loss');
    g.output(G.sin(g, x), 'other'); // Sin's gradient would need Cos: it must not appear
    const { graph, gradients } = grad(g.build(), { loss: 'loss', wrt: ['x'] });
    expect(G.validateGraph(graph)).toEqual([]);
    expect(gradients).toEqual({ x: 'x.grad' });
    expect(graph.outputs.map((o) => o.name)).toEqual(['loss', 'other', 'x.grad']);
    expect(backwardOps(graph)).not.toContain('Cos');
  });

  it('does not differentiate constant operands (no gradient emitted for a weight-free branch)', () => {
    const g = new G.GraphBuilder('const');
    const x = g.input('x', 'float64', [2, 3]);
    const c = g.input('c', 'float64', [3, 4]); // not in wrt
    g.output(G.reduceSum(g, G.matmul(g, x, c), [0, 1], false), 'loss');
    const { graph } = grad(g.build(), { loss: 'loss', wrt: ['x'] });
    // Only dY·cᵀ: one MatMul, no Aᵀ·dY for c.
    expect(backwardOps(graph).filter((op) => op === 'MatMul')).toHaveLength(1);
  });

  it('gives an explicit zero gradient to a wrt the loss does not depend on', async () => {
    const g = new G.GraphBuilder('unused');
    const x = g.input('x', 'float64', [2]);
    g.input('u', 'float64', [2, 2]);
    g.output(G.reduceSum(g, G.mul(g, x, x), [0], false), 'loss');
    const { graph, gradients } = grad(g.build(), { loss: 'loss', wrt: ['x', 'u'] });
    const session = await openGraph(graph);
    try {
      const out = await session.run({ x: hostOf('float64', [2], [1.5, -2]), u: hostOf('float64', [2, 2], [1, 2, 3, 4]) });
      expect(Array.from(out[gradients.x as string]?.data ?? [], Number)).toEqual([3, -4]);
      expect(Array.from(out[gradients.u as string]?.data ?? [], Number)).toEqual([0, 0, 0, 0]);
    } finally {
      await session.release();
    }
  });

  it('differentiates a non-scalar loss as the sum of its elements', async () => {
    const g = new G.GraphBuilder('vector_loss');
    const x = g.input('x', 'float64', [3]);
    g.output(G.mul(g, x, G.scalar(g, 2, 'float64')), 'loss');
    const { graph } = grad(g.build(), { loss: 'loss', wrt: ['x'] });
    const session = await openGraph(graph);
    try {
      const out = await session.run({ x: hostOf('float64', [3], [1, 2, 3]) });
      expect(Array.from(out['x.grad']?.data ?? [], Number)).toEqual([2, 2, 2]);
    } finally {
      await session.release();
    }
  });

  it('ReduceMax splits the gradient equally between tied maxima (PyTorch amax convention)', async () => {
    const g = new G.GraphBuilder('ties');
    const x = g.input('x', 'float64', [2, 3]);
    g.output(G.reduceSum(g, G.mul(g, G.reduceMax(g, x, [1], false), G.constantOf(g, 'float64', [1, 10])), [0], false), 'loss');
    const { graph } = grad(g.build(), { loss: 'loss', wrt: ['x'] });
    const session = await openGraph(graph);
    try {
      const out = await session.run({ x: hostOf('float64', [2, 3], [1, 3, 3, 5, 2, 5]) });
      expect(Array.from(out['x.grad']?.data ?? [], Number)).toEqual([0, 0.5, 0.5, 5, 0, 5]);
    } finally {
      await session.release();
    }
  });

  it('can be applied to a graph that already holds grad/ tensors without name clashes', () => {
    const g = new G.GraphBuilder('twice');
    const x = g.input('x', 'float64', [3]);
    const w = g.input('w', 'float64', [3]);
    g.output(G.reduceSum(g, G.mul(g, G.tanh(g, x), w), [0], false), 'loss');
    const first = grad(g.build(), { loss: 'loss', wrt: ['x'] });
    const second = grad(first.graph, { loss: 'loss', wrt: ['w'] });
    expect(G.validateGraph(second.graph)).toEqual([]);
    expect(second.graph.outputs.map((o) => o.name)).toEqual(['loss', 'x.grad', 'w.grad']);
  });

  it('refuses symbolic shapes on the differentiated path, and works once dims are bound', () => {
    const g = new G.GraphBuilder('symbolic');
    const x = g.input('x', 'float64', ['batch', 3]);
    const b = g.initializer('b', new Float64Array(3), [3]);
    g.output(G.reduceSum(g, G.add(g, x, b), [0, 1], false), 'loss');
    expect(() => grad(g.build(), { loss: 'loss', wrt: ['b'] })).toThrow(/symbolic shape/);
    const bound = grad(g.build(), { loss: 'loss', wrt: ['b'], dims: { batch: 4 } });
    expect(G.validateGraph(bound.graph)).toEqual([]);
    expect(bound.graph.inputs[0]?.shape).toEqual([4, 3]);
    expect(specializeDims(g.build(), { batch: 2 }).inputs[0]?.shape).toEqual([2, 3]);
  });

  it('refuses integer tensors as wrt and an already-used gradient output name', () => {
    const g = new G.GraphBuilder('bad');
    const x = g.input('x', 'float64', [2]);
    g.input('i', 'int64', [2]);
    g.output(G.reduceSum(g, x, [0], false), 'loss');
    g.output(G.neg(g, x), gradName('x'));
    expect(() => grad(g.build(), { loss: 'loss', wrt: ['i'] })).toThrow(/only float tensors/);
    expect(() => grad(g.build(), { loss: 'loss', wrt: ['x'] })).toThrow(/already used/);
  });
});
