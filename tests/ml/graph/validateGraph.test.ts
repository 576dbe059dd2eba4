import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';

const f32 = (name: string, shape: G.Shape): G.Tensor => ({ name, dtype: 'float32', shape });

/** A hand-written graph, as the autodiff or an import might produce one, bypassing the builder's checks. */
function graph(parts: Partial<Omit<G.Graph, 'tensors'>> & { tensors?: G.Tensor[] }): G.Graph {
  const tensors = parts.tensors ?? [];
  return {
    name: 'g',
    inputs: parts.inputs ?? [],
    outputs: parts.outputs ?? [],
    initializers: parts.initializers ?? [],
    nodes: parts.nodes ?? [],
    tensors: new Map([...(parts.inputs ?? []), ...tensors].map((t) => [t.name, t])),
  };
}

const node = (op: string, inputs: string[], outputs: string[], name = `${op}_0`): G.Node => ({ op, name, inputs, outputs, attrs: {} });

describe('validateGraph', () => {
  it('accepts a builder-made graph', () => {
    const g = new G.GraphBuilder();
    g.output(G.add(g, g.input('a', 'float32', [2]), g.input('b', 'float32', [2])), 'y');
    expect(G.validateGraph(g.build())).toEqual([]);
  });

  it('reports an input used before it is defined', () => {
    const a = f32('a', [2]);
    const y = f32('y', [2]);
    const problems = G.validateGraph(graph({ inputs: [a], nodes: [node('Add', ['a', 'ghost'], ['y'])], tensors: [y], outputs: [y] }));
    expect(problems).toEqual(["node 'Add_0' (Add): input(s) 'ghost' used before being defined"]);
  });

  it('reports duplicate tensor names and duplicate node names', () => {
    const a = f32('a', [2]);
    const problems = G.validateGraph(
      graph({ inputs: [a, a], nodes: [node('Neg', ['a'], ['n1'], 'dup'), node('Neg', ['a'], ['n2'], 'dup')], tensors: [f32('n1', [2]), f32('n2', [2])] }),
    );
    expect(problems).toContain("graph input: name 'a' is defined more than once");
    expect(problems).toContain("node 'dup' (Neg): node name is not unique");
  });

  it('reports inconsistent dtypes with both tensor names', () => {
    const a = f32('a', [2]);
    const b: G.Tensor = { name: 'b', dtype: 'float64', shape: [2] };
    const problems = G.validateGraph(graph({ inputs: [a, b], nodes: [node('Add', ['a', 'b'], ['y'])], tensors: [f32('y', [2])] }));
    expect(problems).toEqual(["node 'Add_0' (Add): Add: dtype mismatch: 'a' is float32, 'b' is float64"]);
  });

  it('reports a declared output that no node produces', () => {
    const problems = G.validateGraph(graph({ inputs: [f32('a', [2])], outputs: [f32('logits', [2])] }));
    expect(problems).toEqual(["graph output 'logits' is never produced"]);
  });

  it('reports a declared output shape that differs from the inferred one', () => {
    const g = new G.GraphBuilder();
    const y = G.matmul(g, g.input('a', 'float32', ['batch', 3]), g.input('b', 'float32', [3, 4]));
    g.output(y, 'y', ['batch', 5]);
    expect(G.validateGraph(g.build())).toEqual(["graph output 'y' is declared float32 [batch, 5] but inferred float32 [batch, 4]"]);
    expect(() => G.assertValidGraph(g.build())).toThrow(G.GraphValidationError);
  });

  it('reports recorded value info that inference contradicts (e.g. a hand-edited graph)', () => {
    const problems = G.validateGraph(graph({ inputs: [f32('a', [2, 3])], nodes: [node('Neg', ['a'], ['y'])], tensors: [f32('y', [3, 2])] }));
    expect(problems).toEqual(["node 'Neg_0' (Neg): output 'y' recorded as float32 [3, 2] but inferred float32 [2, 3]"]);
  });

  it('reports unknown ops and shape errors from the op rules', () => {
    const problems = G.validateGraph(
      graph({
        inputs: [f32('a', [2, 3]), f32('b', [4, 5])],
        nodes: [node('Frobnicate', ['a'], ['x']), node('MatMul', ['a', 'b'], ['y'], 'mm')],
        tensors: [f32('x', [2]), f32('y', [2, 5])],
      }),
    );
    expect(problems).toEqual(["node 'Frobnicate_0' (Frobnicate): unknown op 'Frobnicate'", "node 'mm' (MatMul): MatMul: inner dims differ: [2, 3] x [4, 5]"]);
  });

  it('the builder refuses the same mistakes at the line that makes them', () => {
    const g = new G.GraphBuilder();
    const a = g.input('a', 'float32', [2, 3]);
    expect(() => g.input('a', 'float32', [1])).toThrow("Tensor name 'a' is already defined");
    expect(() => G.add(g, a, g.input('b', 'float64', [2, 3]))).toThrow('Add: dtype mismatch');
    expect(() => G.matmul(g, a, g.input('c', 'float32', [4, 4]))).toThrow('MatMul: inner dims differ');
    expect(() => G.reshape(g, a, [4, 2])).toThrow('Reshape: cannot reshape [2, 3] to [4, 2]');
    expect(() => G.add(g, a, g.input('d', 'float32', ['seq', 3]))).not.toThrow();
    expect(() => G.add(g, g.input('e', 'float32', ['seq']), g.input('f', 'float32', ['total']))).toThrow('cannot broadcast');
    expect(() => g.initializer('w', new Float32Array(5), [2, 3])).toThrow('5 values do not fill [2, 3]');
  });
});
