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

export function toOrt(t: HostTensor): ort.Tensor {
  const count = t.dims.reduce((n, d) => n * d, 1);
  if (count !== t.data.length) throw new Error(`HostTensor: ${t.data.length} values do not fill [${t.dims.join(', ')}]`);
  return new ort.Tensor(t.type, t.data, t.dims);
}

export function fromOrt(t: ort.Tensor): HostTensor {
  if (!SUPPORTED.includes(t.type)) throw new Error(`Output type '${t.type}' is not supported by HostTensor`);
  return { type: t.type as DType, dims: [...t.dims], data: t.data as TypedData };
}
