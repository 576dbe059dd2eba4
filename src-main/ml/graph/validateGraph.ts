import { opRules } from './infer/opRules.js';
import { formatShape, numElements, sameShape } from './shapeUtils.js';
import type { Dim, Graph, Node, Tensor, TensorData } from './types.js';

export class GraphValidationError extends Error {
  override readonly name = 'GraphValidationError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid graph:\n- ${problems.join('\n- ')}`);
  }
}

const describe = (t: Pick<Tensor, 'dtype' | 'shape'>): string => `${t.dtype} ${formatShape(t.shape)}`;

/**
 * Re-checks a finished graph from scratch (it may have been edited or generated, e.g. by the autodiff):
 * unique names, inputs defined before use, known ops with consistent dtypes/shapes per the shared
 * inference rules, and declared outputs produced with the inferred dtype and shape. Returns every
 * problem found, in graph order; empty means valid.
 */
export function validateGraph(graph: Graph): string[] {
  const problems: string[] = [];
  const defined = new Map<string, Tensor>();
  const constants = new Map<string, TensorData>();
  const define = (t: Tensor, what: string): void => {
    if (defined.has(t.name)) problems.push(`${what}: name '${t.name}' is defined more than once`);
    defined.set(t.name, t);
  };
  graph.inputs.forEach((t) => define(t, 'graph input'));
  for (const init of graph.initializers) {
    define(init.tensor, 'initializer');
    if (init.data.data.length !== numElements(init.data.dims) || !sameShape(init.data.dims, init.tensor.shape)) {
      problems.push(`initializer '${init.tensor.name}': data does not match ${formatShape(init.tensor.shape)}`);
    }
  }
  const nodeNames = new Set<string>();
  for (const node of graph.nodes) {
    const where = `node '${node.name}' (${node.op})`;
    if (nodeNames.has(node.name)) problems.push(`${where}: node name is not unique`);
    nodeNames.add(node.name);
    const missing = node.inputs.filter((n) => n !== '' && !defined.has(n));
    if (missing.length > 0) {
      problems.push(`${where}: input(s) ${missing.map((n) => `'${n}'`).join(', ')} used before being defined`);
      node.outputs.forEach((o) => { const t = graph.tensors.get(o); if (t) define(t, where); });
      continue;
    }
    checkNode(graph, node, where, defined, constants, problems).forEach((t) => define(t, where));
  }
  for (const out of graph.outputs) {
    const produced = defined.get(out.name);
    if (!produced) problems.push(`graph output '${out.name}' is never produced`);
    else if (produced.dtype !== out.dtype || !sameShape(produced.shape, out.shape)) {
      problems.push(`graph output '${out.name}' is declared ${describe(out)} but inferred ${describe(produced)}`);
    }
  }
  return problems;
}

/** Runs the op's rule; returns the outputs as inferred (recorded info where inference failed). */
function checkNode(
  graph: Graph,
  node: Node,
  where: string,
  defined: ReadonlyMap<string, Tensor>,
  constants: Map<string, TensorData>,
  problems: string[],
): Tensor[] {
  const recorded = node.outputs.map((o) => graph.tensors.get(o));
  const rule = opRules[node.op];
  if (!rule) {
    problems.push(`${where}: unknown op '${node.op}'`);
    return recorded.filter((t): t is Tensor => t !== undefined);
  }
  const inputs = node.inputs.map((n) => (n === '' ? undefined : defined.get(n)));
  try {
    const inferred = rule({
      op: node.op,
      inputs,
      attrs: node.attrs,
      constant: (i) => constants.get(node.inputs[i] ?? ''),
      unknownDim: (o, axis): Dim => recorded[o]?.shape[axis] ?? '?',
      declaredDim: (o, axis) => recorded[o]?.shape[axis],
    });
    const value = node.attrs.value;
    if (node.op === 'Constant' && value?.type === 'tensor' && node.outputs[0]) constants.set(node.outputs[0], value.value);
    return node.outputs.map((name, o) => {
      const info = inferred[o];
      const rec = recorded[o];
      if (!info) throw new Error(`produces no output ${o}`);
      const t: Tensor = { name, dtype: info.dtype, shape: info.shape };
      if (!rec) problems.push(`${where}: output '${name}' has no value info`);
      else if (rec.dtype !== t.dtype || !sameShape(rec.shape, t.shape)) {
        problems.push(`${where}: output '${name}' recorded as ${describe(rec)} but inferred ${describe(t)}`);
      }
      return t;
    });
  } catch (err) {
    problems.push(`${where}: ${(err as Error).message}`);
    return recorded.filter((t): t is Tensor => t !== undefined);
  }
}

/** Throws GraphValidationError listing every problem, or returns the graph unchanged. */
export function assertValidGraph(graph: Graph): Graph {
  const problems = validateGraph(graph);
  if (problems.length > 0) throw new GraphValidationError(problems);
  return graph;
}
