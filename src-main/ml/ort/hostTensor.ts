// The only tensor type the rest of the app sees: plain typed-array data, no ONNX Runtime objects.
// This file is in ort/ because it converts to and from ort.Tensor; nothing outside ort/ imports the runtime.
import * as ort from 'onnxruntime-node';
import type { DType, TypedData } from '../graph/types.js';

export interface HostTensor {
  readonly type: DType;
  readonly dims: readonly number[];
  readonly data: TypedData;
}

const SUPPORTED: readonly string[] = ['float32', 'float64', 'int64', 'int32', 'bool'];

/**
 * The ort.Tensor behind each HostTensor already converted once. A decode loop feeds every step's
 * present.* outputs back as the next past, and may feed the same small HostTensor (ids, positions) with its
 * data rewritten in place; looking the wrapper up skips re-validating and re-wrapping 2·layers tensors per
 * step. Safe because HostTensor's fields are readonly and ort.Tensor keeps a reference to the typed array
 * (it never copies CPU data), so the wrapper always sees the data the HostTensor holds at run time.
 * Weak keys: the wrapper lives exactly as long as the HostTensor.
 */
const wrappers = new WeakMap<HostTensor, ort.Tensor>();

export function toOrt(t: HostTensor): ort.Tensor {
  const known = wrappers.get(t);
  if (known) return known;
  const count = t.dims.reduce((n, d) => n * d, 1);
  if (count !== t.data.length) throw new Error(`HostTensor: ${t.data.length} values do not fill [${t.dims.join(', ')}]`);
  const wrapped = new ort.Tensor(t.type, t.data, t.dims);
  wrappers.set(t, wrapped);
  return wrapped;
}

export function fromOrt(t: ort.Tensor): HostTensor {
  if (!SUPPORTED.includes(t.type)) throw new Error(`Output type '${t.type}' is not supported by HostTensor`);
  const host: HostTensor = { type: t.type as DType, dims: [...t.dims], data: t.data as TypedData };
  wrappers.set(host, t);
  return host;
}
