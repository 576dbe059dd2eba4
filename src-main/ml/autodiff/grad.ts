import { GraphBuilder, type Graph } from '../graph/index.js';
import { appendGradients } from './appendGradients.js';
import { GradEmitter } from './GradEmitter.js';
import { importGraph } from './importGraph.js';
import { pruneGraph } from './pruneGraph.js';

export interface GradOptions {
  /** Float tensor to differentiate; a non-scalar loss is differentiated as the sum of its elements. */
  readonly loss: string;
  /** Inputs or initializers (or intermediate float tensors) to differentiate with respect to. */
  readonly wrt: readonly string[];
  /** Symbolic dim → size, bound before differentiating (see importGraph). */
  readonly dims?: Readonly<Record<string, number>>;
}

export interface GradResult {
  /** Forward + backward as one graph: the original inputs and outputs, then one output per gradient. */
  readonly graph: Graph;
  /** Output name of ∂loss/∂w per `wrt` name: `<w>.grad`. */
  readonly gradients: Readonly<Record<string, string>>;
}

/** Name of the output that carries ∂loss/∂`name`. */
export const gradName = (name: string): string => `${name}.grad`;

/**
 * Reverse-mode autodiff over the DSL IR: returns `graph` with backward nodes appended (plain ONNX ops,
 * so the result runs in the same ONNX Runtime session as any other graph) and ∂loss/∂w as outputs.
 * Shapes on the differentiated path must be static (or bound through `dims`).
 */
export function grad(graph: Graph, options: GradOptions): GradResult {
  const g = new GraphBuilder(`${graph.name}_grad`);
  importGraph(g, graph, options.dims ? { dims: options.dims } : {});
  const forward = g.build();
  const em = new GradEmitter(g, forward.tensors.keys());
  const tensor = (name: string) => {
    const t = forward.tensors.get(name);
    if (t === undefined) throw new Error(`grad: no tensor named '${name}' in '${graph.name}'`);
    return t;
  };
  const grads = appendGradients(em, { forward, tensor, loss: options.loss, wrt: options.wrt });
  const gradients: Record<string, string> = {};
  for (const [name, t] of grads) gradients[name] = g.output(t, em.claim(gradName(name))).name;
  return { graph: pruneGraph(g.build()), gradients };
}
