// The graph IR: plain, inspectable data that the builder writes, the validator and serialiser read,
// and a later reverse-mode autodiff walks. Nothing here knows about protobuf or ONNX Runtime.

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

/** A dimension: a fixed size, or a named symbolic size ('batch', 'seq') bound at run time. */
export type Dim = number | string;
export type Shape = readonly Dim[];

/** A symbolic tensor: a value-info entry. Nodes refer to tensors by name. */
export interface Tensor {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: Shape;
}

/** Concrete element storage per dtype; bool is one byte per element, as ONNX and ORT store it. */
export type TypedData = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

/** Concrete tensor values (initializers, Constant-node attributes). `dims` are all fixed. */
export interface TensorData {
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly data: TypedData;
}

/**
 * Attribute values are tagged because ONNX distinguishes int from float attributes and a plain JS
 * number cannot say which one was meant.
 */
export type Attr =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'tensor'; readonly value: TensorData };

export type Attrs = Readonly<Record<string, Attr>>;

/** One ONNX node in the default domain (opset 17 semantics). */
export interface Node {
  readonly op: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: Attrs;
}

/** A named weight: `tensor` is its value info, `data` its values (row-major). */
export interface Initializer {
  readonly tensor: Tensor;
  readonly data: TensorData;
}

/** A finished graph. `tensors` holds the value info of every named value (inputs, weights, node outputs). */
export interface Graph {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** Declared outputs (name, dtype, shape); validateGraph checks them against inference. */
  readonly outputs: readonly Tensor[];
  readonly initializers: readonly Initializer[];
  readonly nodes: readonly Node[];
  readonly tensors: ReadonlyMap<string, Tensor>;
}
