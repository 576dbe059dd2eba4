import type { Graph } from '../graph/index.js';

export interface PruneOptions {
  /** Drop graph inputs no kept node reads (default false: a graph's input list is its interface). */
  readonly dropUnusedInputs?: boolean;
  /** Inputs kept even when unused (e.g. a frozen-in-practice param whose update is still an output). */
  readonly keepInputs?: readonly string[];
}

/**
 * Removes nodes no declared output depends on, and initializers (optionally inputs) nothing reads.
 * The training step keeps only `loss` of the forward's outputs, so e.g. the decoder's present.* KV
 * branches disappear rather than being computed every step.
 */
export function pruneGraph(graph: Graph, options: PruneOptions = {}): Graph {
  const needed = new Set(graph.outputs.map((t) => t.name));
  const keptNodes = [];
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i];
    if (node === undefined || !node.outputs.some((o) => needed.has(o))) continue;
    keptNodes.push(node);
    for (const name of node.inputs) if (name !== '') needed.add(name);
  }
  keptNodes.reverse();
  const keepInputs = new Set(options.keepInputs ?? []);
  const inputs = options.dropUnusedInputs ? graph.inputs.filter((t) => needed.has(t.name) || keepInputs.has(t.name)) : graph.inputs;
  const initializers = graph.initializers.filter((i) => needed.has(i.tensor.name));
  const live = new Set([...inputs.map((t) => t.name), ...initializers.map((i) => i.tensor.name), ...keptNodes.flatMap((n) => n.outputs)]);
  const tensors = new Map([...graph.tensors].filter(([name]) => live.has(name)));
  return { ...graph, inputs, initializers, nodes: keptNodes, tensors };
}
