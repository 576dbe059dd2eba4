import type { DType, TypedData } from './types.js';

// ONNX TensorProto.DataType codes; written out so the IR needs no protobuf import.
const ONNX_CODES: Record<DType, number> = { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 };

export function onnxDataType(dtype: DType): number {
  return ONNX_CODES[dtype];
}

export function dtypeFromOnnx(code: number): DType {
  const found = (Object.keys(ONNX_CODES) as DType[]).find((d) => ONNX_CODES[d] === code);
  if (found === undefined) throw new Error(`Unsupported ONNX data type code ${code}`);
  return found;
}

export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' || dtype === 'int64' ? 8 : dtype === 'bool' ? 1 : 4;
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** Allocates zeroed storage of the right typed-array kind for `dtype`. */
export function allocate(dtype: DType, length: number): TypedData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'bool':
      return new Uint8Array(length);
  }
}

/** The dtype whose storage `data` is; bool and uint8 share Uint8Array, so `hint` settles that. */
export function dtypeOfData(data: TypedData, hint?: DType): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  if (hint !== undefined && hint !== 'bool') throw new Error(`Uint8Array data cannot hold ${hint}`);
  return 'bool';
}
