import { isFloat, type Graph, type Node, type Tensor, type TensorData } from '../graph/index.js';
import { GradEmitter, staticShape } from './GradEmitter.js';
import { gradientRules, NO_GRADIENT_OPS } from './rules/gradientRules.js';

export interface GradientSweepInput {
  /** The forward graph, already imported into `em.g` under the same tensor names (see importGraph). */
  readonly forward: Graph;
  /** `em.g`'s own tensor objects by name (the builder checks tensor identity, not just names). */
  readonly tensor: (name: string) => Tensor;
  /** Scalar (or any-shape: then the gradient of its sum) float tensor to differentiate. */
  readonly loss: string;
  /** Float tensors to differentiate with respect to: inputs, initializers or intermediate values. */
  readonly wrt: readonly string[];
}

/**
 * Reverse-mode sweep: walks the forward nodes backwards from `loss`, asks each op's rule for its
 * inputs' gradients and emits them into the same builder, so forward + backward is one graph.
 *
 * - Only "active" tensors (float values that depend on some `wrt`) get gradients, and only nodes that
 *   receive a gradient are visited: unused branches and constant subgraphs emit nothing.
 * - A tensor used several times gets one contribution per use; they are summed once, when its
 *   producer is reached (graph order is topological, so every consumer has been visited by then).
 * - A `wrt` the loss does not depend on gets an explicit zero tensor.
 * Returns ∂loss/∂w per `wrt` name, as tensors of the builder.
 */
export function appendGradients(em: GradEmitter, input: GradientSweepInput): Map<string, Tensor> {
  const { forward, loss, wrt } = input;
  for (const name of [loss, ...wrt]) {
    const t = input.tensor(name);
    if (!isFloat(t.dtype)) throw new Error(`autodiff: '${name}' is ${t.dtype}; only float tensors have gradients`);
  }
  const active = activeTensors(forward.nodes, wrt, input.tensor);
  const constants = constantValues(forward.nodes);
  const contributions = new Map<string, Tensor[]>();
  const total = (name: string): Tensor | undefined => {
    const parts = contributions.get(name);
    if (parts === undefined || parts.length === 0) return undefined;
    contributions.delete(name);
    return sumAll(em, parts);
  };
  const lossTensor = input.tensor(loss);
  if (active.has(loss)) contributions.set(loss, [em.expand(em.scalar(1, lossTensor.dtype), staticShape(lossTensor))]);

  const wrtSet = new Set(wrt);
  const finished = new Map<string, Tensor>();
  for (let n = forward.nodes.length - 1; n >= 0; n--) {
    const node = forward.nodes[n] as Node;
    const [out, ...extra] = node.outputs;
    if (out === undefined || !contributions.has(out)) continue;
    if (extra.some((o) => contributions.has(o))) throw new Error(`autodiff: ${describe(node)}: gradients of secondary outputs are not supported`);
    const dy = total(out) as Tensor;
    if (wrtSet.has(out)) finished.set(out, dy); // an intermediate `wrt`: its total is complete here
    const rule = gradientRules[node.op];
    if (rule === undefined) throw new Error(`autodiff: no gradient rule for op '${node.op}' (${describe(node)})`);
    const needs = (i: number): boolean => active.has(node.inputs[i] ?? '');
    if (!node.inputs.some((_, i) => needs(i))) continue;
    const grads = rule({
      em,
      node,
      inputs: node.inputs.map((name) => (name === '' ? undefined : input.tensor(name))),
      outputs: node.outputs.map((name) => input.tensor(name)),
      dy,
      needs,
      constant: (i) => constants.get(node.inputs[i] ?? ''),
    });
    node.inputs.forEach((name, i) => {
      if (!needs(i)) return;
      const grad = grads[i];
      if (grad === undefined) throw new Error(`autodiff: rule for ${describe(node)} gave no gradient for input '${name}'`);
      const list = contributions.get(name) ?? [];
      list.push(grad);
      contributions.set(name, list);
    });
  }

  const result = new Map<string, Tensor>();
  for (const name of wrt) {
    const t = input.tensor(name);
    const grad = finished.get(name) ?? total(name) ?? em.expand(em.scalar(0, t.dtype), staticShape(t));
    result.set(name, grad);
  }
  return result;
}

/** Float tensors that depend on some `wrt` through differentiable ops. */
function activeTensors(nodes: readonly Node[], wrt: readonly string[], tensor: (name: string) => Tensor): Set<string> {
  const active = new Set(wrt);
  for (const node of nodes) {
    if (NO_GRADIENT_OPS.has(node.op) || !node.inputs.some((name) => active.has(name))) continue;
    for (const out of node.outputs) if (isFloat(tensor(out).dtype)) active.add(out);
  }
  return active;
}

function constantValues(nodes: readonly Node[]): Map<string, TensorData> {
  const values = new Map<string, TensorData>();
  for (const node of nodes) {
    const value = node.attrs.value;
    if (node.op === 'Constant' && value?.type === 'tensor' && node.outputs[0] !== undefined) values.set(node.outputs[0], value.value);
  }
  return values;
}

/** Sums contributions pairwise (a balanced tree keeps the graph shallow for many-use tensors). */
function sumAll(em: GradEmitter, parts: readonly Tensor[]): Tensor {
  let level = [...parts];
  while (level.length > 1) {
    const next: Tensor[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const [a, b] = [level[i] as Tensor, level[i + 1]];
      next.push(b === undefined ? a : em.add(a, b));
    }
    level = next;
  }
  return level[0] as Tensor;
}

function describe(node: Node): string {
  return `${node.op} node '${node.name}'`;
}
