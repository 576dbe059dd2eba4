import { GraphBuilder, type Graph } from '../../ml/graph/index.js';
import { importGraph } from '../../ml/autodiff/index.js';

/**
 * `graph` with one more output, `outputName`: the input x of the linear layer y = x·Wᵀ + b whose weight
 * initializer is `weightName` (as linearOutIn emits it: MatMul(x, Transpose(W))). Fitting that layer
 * from data needs x, which the encoder graphs do not otherwise expose.
 */
export function withLinearLayerInput(graph: Graph, weightName: string, outputName: string): Graph {
  const transposed = graph.nodes.find((n) => n.op === 'Transpose' && n.inputs[0] === weightName)?.outputs[0];
  const matmul = transposed === undefined ? undefined : graph.nodes.find((n) => n.op === 'MatMul' && n.inputs[1] === transposed);
  const input = matmul?.inputs[0];
  if (input === undefined) throw new Error(`withLinearLayerInput: no MatMul(x, Transpose('${weightName}')) in '${graph.name}'`);
  const g = new GraphBuilder(graph.name);
  const imported = importGraph(g, graph);
  g.output(imported.tensor(input), outputName);
  return g.build();
}
