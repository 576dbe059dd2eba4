import { formatShape, GraphBuilder, type Dim, type Graph, type Shape, type Tensor } from '../graph/index.js';

export interface ImportOptions {
  /**
   * Symbolic dim → size. Every shape is rewritten and re-inferred, so the copy is static: training
   * graphs are built per (batch, length) bucket, and the backward pass needs concrete shapes.
   */
  readonly dims?: Readonly<Record<string, number>>;
  /** Initializers to declare as graph inputs instead (same name, dtype, shape): trainable params. */
  readonly initializersAsInputs?: readonly string[];
  /**
   * Graph inputs or initializers replaced by tensors already in the target builder: splice graphs
   * together (inputs_embeds ← embed_tokens' Gather) or share a tied weight between them.
   */
  readonly bind?: Readonly<Record<string, Tensor>>;
  /** Re-declare the source graph's outputs in the target (default true). */
  readonly keepOutputs?: boolean;
}

export interface ImportedGraph {
  /** The target builder's tensor for a source tensor name (a bound name gives the bound tensor). */
  tensor(name: string): Tensor;
}

/**
 * Replays `source` node by node into `target`, so more nodes (a loss, the backward pass, an optimiser)
 * can be appended to it with the ordinary DSL helpers. Tensor names are kept; every node's output
 * shape is re-inferred by the shared rules (with `dims` bound), so the copy is validated as it is made.
 */
export function importGraph(target: GraphBuilder, source: Graph, options: ImportOptions = {}): ImportedGraph {
  const dims = options.dims ?? {};
  const bind = options.bind ?? {};
  const asInputs = new Set(options.initializersAsInputs ?? []);
  const known = new Set(source.initializers.map((i) => i.tensor.name));
  for (const name of asInputs) if (!known.has(name)) throw new Error(`importGraph: '${name}' is not an initializer of '${source.name}'`);
  const mapped = new Map<string, Tensor>();
  const specialise = (shape: Shape): Dim[] => shape.map((d) => (typeof d === 'string' && dims[d] !== undefined ? dims[d] : d));
  const lookup = (name: string): Tensor => {
    const t = mapped.get(name);
    if (t === undefined) throw new Error(`importGraph: tensor '${name}' is not defined in '${source.name}'`);
    return t;
  };
  const take = (name: string, t: Tensor): void => void mapped.set(name, t);

  for (const t of source.inputs) {
    const bound = bind[t.name];
    if (bound) checkBinding(t, bound, specialise(t.shape));
    take(t.name, bound ?? target.input(t.name, t.dtype, specialise(t.shape)));
  }
  // Params declared as inputs come right after the source's inputs, in the caller's order.
  for (const name of options.initializersAsInputs ?? []) {
    const init = source.initializers.find((i) => i.tensor.name === name);
    if (init && !bind[name]) take(name, target.input(name, init.tensor.dtype, init.tensor.shape));
  }
  for (const init of source.initializers) {
    const { name } = init.tensor;
    const bound = bind[name];
    if (bound) {
      checkBinding(init.tensor, bound, init.tensor.shape);
      take(name, bound);
    } else if (!asInputs.has(name)) {
      take(name, target.initializer(name, init.data.data, init.data.dims, init.data.dtype));
    }
  }
  for (const node of source.nodes) {
    const inputs = node.inputs.map((name) => (name === '' ? undefined : lookup(name)));
    const shapes = node.outputs.map((o) => {
      const recorded = source.tensors.get(o);
      return recorded ? specialise(recorded.shape) : undefined;
    });
    const outs = target.node(node.op, inputs, node.attrs, { names: node.outputs, shapes });
    outs.forEach((t, i) => take(node.outputs[i] as string, t));
  }
  if (options.keepOutputs ?? true) {
    for (const out of source.outputs) target.output(lookup(out.name), undefined, specialise(out.shape));
  }
  return { tensor: lookup };
}

function checkBinding(original: Tensor, bound: Tensor, shape: Shape): void {
  const same = bound.dtype === original.dtype && bound.shape.length === shape.length && bound.shape.every((d, i) => d === shape[i]);
  if (!same) {
    throw new Error(
      `importGraph: '${original.name}' (${original.dtype} ${formatShape(shape)}) cannot be bound to ` +
        `'${bound.name}' (${bound.dtype} ${formatShape(bound.shape)})`,
    );
  }
}

/** A copy of `graph` with its symbolic dims bound to sizes (one static graph per bucket). */
export function specializeDims(graph: Graph, dims: Readonly<Record<string, number>>): Graph {
  const g = new GraphBuilder(graph.name);
  importGraph(g, graph, { dims });
  return g.build();
}
