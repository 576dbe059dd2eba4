import { allocate, formatShape, onnxDataType, type Attrs, type DType, type GraphBuilder, type Tensor } from '../graph/index.js';

/**
 * Emits backward nodes into the builder that holds the forward graph. Every tensor it creates gets a
 * fresh `grad/<op>_<n>` name checked against the names already taken: the forward graph may come from
 * another builder (or an earlier `grad`), so the builder's own `<op>_<n>` counter could collide with it.
 * The helpers are the plain ONNX ops the DSL already knows, so the result validates like any graph.
 */
export class GradEmitter {
  readonly #taken: Set<string>;
  #counter = 0;

  constructor(readonly g: GraphBuilder, takenNames: Iterable<string>) {
    this.#taken = new Set(takenNames);
  }

  /** A name not used anywhere in the graph yet. */
  fresh(stem: string): string {
    let name: string;
    do name = `grad/${stem}_${this.#counter++}`;
    while (this.#taken.has(name));
    this.#taken.add(name);
    return name;
  }

  /** Reserves `name` for a caller that names a tensor itself (e.g. `<param>.grad`); throws if taken. */
  claim(name: string): string {
    if (this.#taken.has(name)) throw new Error(`autodiff: tensor name '${name}' is already used in the graph`);
    this.#taken.add(name);
    return name;
  }

  op(op: string, inputs: readonly (Tensor | undefined)[], attrs: Attrs = {}, name?: string): Tensor {
    return this.g.apply(op, inputs, attrs, { names: [name ?? this.fresh(op)] });
  }

  constant(dtype: DType, values: readonly number[], dims: readonly number[]): Tensor {
    const data = allocate(dtype, values.length);
    values.forEach((v, i) => {
      if (data instanceof BigInt64Array) data[i] = BigInt(v);
      else data[i] = v;
    });
    return this.op('Constant', [], { value: { type: 'tensor', value: { dtype, dims: [...dims], data } } });
  }

  scalar(value: number, dtype: DType): Tensor {
    return this.constant(dtype, [value], []);
  }

  ints(values: readonly number[]): Tensor {
    return this.constant('int64', values, [values.length]);
  }

  add(a: Tensor, b: Tensor): Tensor {
    return this.op('Add', [a, b]);
  }

  sub(a: Tensor, b: Tensor): Tensor {
    return this.op('Sub', [a, b]);
  }

  mul(a: Tensor, b: Tensor): Tensor {
    return this.op('Mul', [a, b]);
  }

  div(a: Tensor, b: Tensor): Tensor {
    return this.op('Div', [a, b]);
  }

  neg(x: Tensor): Tensor {
    return this.op('Neg', [x]);
  }

  /** x · c for a JS constant c, in x's dtype. */
  scale(x: Tensor, c: number): Tensor {
    return this.mul(x, this.scalar(c, x.dtype));
  }

  cast(x: Tensor, to: DType): Tensor {
    return x.dtype === to ? x : this.op('Cast', [x], { to: { type: 'int', value: onnxDataType(to) } });
  }

  transpose(x: Tensor, perm: readonly number[]): Tensor {
    return this.op('Transpose', [x], { perm: { type: 'ints', value: [...perm] } });
  }

  /** Reshape to a fully static shape; a no-op when the shape already matches. */
  reshape(x: Tensor, dims: readonly number[]): Tensor {
    if (sameDims(staticShape(x), dims)) return x;
    // A 0 in an ONNX shape means "copy the input dim"; zero-size tensors are not differentiated here.
    if (dims.includes(0)) throw new Error(`autodiff: cannot reshape a gradient to zero-size ${formatShape(dims)}`);
    return this.op('Reshape', [x, this.ints(dims)]);
  }

  /** Broadcast to a static shape; a no-op when the shape already matches. */
  expand(x: Tensor, dims: readonly number[]): Tensor {
    return sameDims(staticShape(x), dims) ? x : this.op('Expand', [x, this.ints(dims)]);
  }

  /** ReduceSum over `axes`; never emitted with an empty list, which ONNX would read as "all axes". */
  reduceSum(x: Tensor, axes: readonly number[], keepdims: boolean): Tensor {
    if (axes.length === 0) return x;
    return this.op('ReduceSum', [x, this.ints(axes)], { keepdims: { type: 'int', value: keepdims ? 1 : 0 } });
  }

  /**
   * The adjoint of numpy broadcasting: sums `grad` over the axes along which a tensor of `target`
   * shape was broadcast (leading extra axes, and target axes of size 1 that grew), then reshapes
   * to `target`. Every elementwise rule funnels through here.
   */
  sumToShape(grad: Tensor, target: readonly number[]): Tensor {
    const shape = staticShape(grad);
    const lead = shape.length - target.length;
    if (lead < 0) throw new Error(`autodiff: gradient ${formatShape(shape)} has lower rank than ${formatShape(target)}`);
    const axes: number[] = [];
    shape.forEach((d, i) => {
      const t = i < lead ? undefined : target[i - lead];
      if (t === undefined || (t === 1 && d !== 1)) axes.push(i);
      else if (t !== d) throw new Error(`autodiff: gradient ${formatShape(shape)} does not broadcast from ${formatShape(target)}`);
    });
    return this.reshape(this.reduceSum(grad, axes, true), target);
  }
}

/** The numeric shape of `t`; the backward pass needs it (static shapes: one graph per bucket). */
export function staticShape(t: Tensor): number[] {
  const dims: number[] = [];
  for (const d of t.shape) {
    if (typeof d !== 'number') {
      throw new Error(
        `autodiff: tensor '${t.name}' has symbolic shape ${formatShape(t.shape)}; bind its dims first ` +
          `(importGraph(..., { dims }) or specializeDims) — training graphs are built per static bucket`,
      );
    }
    dims.push(d);
  }
  return dims;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
