import { dtypeOfData } from './dtype.js';
import { ruleFor } from './infer/opRules.js';
import { formatShape, numElements } from './shapeUtils.js';
import type { Attrs, DType, Dim, Graph, Initializer, Node, Shape, Tensor, TensorData, TypedData } from './types.js';

export interface NodeOptions {
  /** Output names; default `<op>_<n>`. */
  readonly names?: readonly string[];
  /** Declared output shapes: used where a dim cannot be derived statically (see InferContext.unknownDim). */
  readonly shapes?: readonly (Shape | undefined)[];
  readonly outputCount?: number;
}

/**
 * Records a graph as a list of nodes over named symbolic tensors, inferring each output's dtype and
 * shape as it goes so mistakes surface at the line that made them, not inside ONNX Runtime.
 * Op helpers (ops/, layers/) are free functions taking the builder first.
 */
export class GraphBuilder {
  readonly #inputs: Tensor[] = [];
  readonly #outputs: Tensor[] = [];
  readonly #initializers: Initializer[] = [];
  readonly #nodes: Node[] = [];
  readonly #tensors = new Map<string, Tensor>();
  readonly #constants = new Map<string, TensorData>();
  #counter = 0;

  constructor(readonly name = 'graph') {}

  input(name: string, dtype: DType, shape: Shape): Tensor {
    return this.#define({ name, dtype, shape: [...shape] }, this.#inputs);
  }

  /** A named weight. `dtype` is taken from the data (Float32Array → float32, BigInt64Array → int64, …). */
  initializer(name: string, data: TypedData, dims: readonly number[], dtype?: DType): Tensor {
    const resolved = dtype ?? dtypeOfData(data);
    if (numElements(dims) !== data.length) {
      throw new Error(`Initializer '${name}': ${data.length} values do not fill ${formatShape(dims)}`);
    }
    const tensor = this.#define({ name, dtype: resolved, shape: [...dims] });
    this.#initializers.push({ tensor, data: { dtype: resolved, dims: [...dims], data } });
    return tensor;
  }

  /** Marks `t` as a graph output, renamed through Identity when `name` differs. */
  output(t: Tensor, name?: string, declaredShape?: Shape): Tensor {
    const named = name === undefined || name === t.name ? t : this.apply('Identity', [t], {}, { names: [name] });
    this.#outputs.push({ ...named, shape: declaredShape ? [...declaredShape] : named.shape });
    return named;
  }

  /** Appends one node; returns its output tensors with inferred dtype/shape. */
  node(op: string, inputs: readonly (Tensor | undefined)[], attrs: Attrs = {}, options: NodeOptions = {}): Tensor[] {
    for (const t of inputs) {
      // Identity, not just the name: a tensor from another builder with a clashing name would wire wrongly.
      if (t !== undefined && this.#tensors.get(t.name) !== t) throw new Error(`${op}: input '${t.name}' is not from this builder`);
    }
    const index = this.#counter++;
    const names = options.names ?? [];
    const inferred = ruleFor(op)({
      op,
      inputs,
      attrs,
      constant: (i) => (inputs[i] ? this.#constants.get(inputs[i].name) : undefined),
      unknownDim: (o, axis): Dim => options.shapes?.[o]?.[axis] ?? `${names[o] ?? `${op}_${index}`}_d${axis}`,
      declaredDim: (o, axis) => options.shapes?.[o]?.[axis],
    });
    const outputs = inferred.slice(0, options.outputCount ?? inferred.length).map((info, o) =>
      this.#define({ name: names[o] ?? `${op}_${index}${o === 0 ? '' : `_${o}`}`, dtype: info.dtype, shape: info.shape }),
    );
    const inputNames = inputs.map((t) => t?.name ?? ''); // '' = omitted optional input, as in ONNX
    this.#nodes.push({ op, name: `${op}_${index}`, inputs: inputNames, outputs: outputs.map((t) => t.name), attrs });
    const value = attrs.value;
    if (op === 'Constant' && value?.type === 'tensor' && outputs[0]) this.#constants.set(outputs[0].name, value.value);
    return outputs;
  }

  /** Single-output form of `node`, which is what almost every op helper needs. */
  apply(op: string, inputs: readonly (Tensor | undefined)[], attrs: Attrs = {}, options: NodeOptions = {}): Tensor {
    const out = this.node(op, inputs, attrs, options)[0];
    if (out === undefined) throw new Error(`${op} produced no output`);
    return out;
  }

  /** Snapshot of the graph so far. */
  build(): Graph {
    return {
      name: this.name,
      inputs: [...this.#inputs],
      outputs: [...this.#outputs],
      initializers: [...this.#initializers],
      nodes: [...this.#nodes],
      tensors: new Map(this.#tensors),
    };
  }

  #define(t: Tensor, list?: Tensor[]): Tensor {
    if (this.#tensors.has(t.name)) throw new Error(`Tensor name '${t.name}' is already defined`);
    this.#tensors.set(t.name, t);
    list?.push(t);
    return t;
  }
}

