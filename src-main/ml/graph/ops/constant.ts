import type { GraphBuilder } from '../GraphBuilder.js';
import { allocate } from '../dtype.js';
import type { DType, Tensor, TensorData } from '../types.js';

/**
 * A Constant node (not an initializer): initializers are reserved for weights, so an optimiser or the
 * autodiff can treat "every initializer is a parameter" without a separate list.
 */
export function constant(g: GraphBuilder, value: TensorData, name?: string): Tensor {
  return g.apply('Constant', [], { value: { type: 'tensor', value } }, name ? { names: [name] } : {});
}

/** A constant filled from JS numbers (bigint conversion for int64 done here). */
export function constantOf(
  g: GraphBuilder,
  dtype: DType,
  values: readonly number[],
  dims: readonly number[] = [values.length],
): Tensor {
  const data = allocate(dtype, values.length);
  values.forEach((v, i) => {
    if (data instanceof BigInt64Array) data[i] = BigInt(v);
    else data[i] = v;
  });
  return constant(g, { dtype, dims: [...dims], data });
}

/** A rank-0 constant, e.g. the epsilon of RMSNorm. */
export function scalar(g: GraphBuilder, value: number, dtype: DType): Tensor {
  return constantOf(g, dtype, [value], []);
}

/** A 1-D int64 constant, the form every shape-like ONNX input (axes, shape, starts) takes. */
export function int64s(g: GraphBuilder, values: readonly number[]): Tensor {
  return constantOf(g, 'int64', values);
}
