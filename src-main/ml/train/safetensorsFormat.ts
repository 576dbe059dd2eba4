// The safetensors container (huggingface/safetensors, "Format" section): 8-byte little-endian header
// size N, N bytes of UTF-8 JSON, then one byte buffer. The JSON maps each tensor name to
// { dtype, shape, data_offsets: [begin, end) } relative to the buffer's start, plus an optional
// "__metadata__" string→string map. The spec forbids holes and overlaps: the tensors tile the buffer.

/** The dtypes this project reads and writes (the spec has more: F16, BF16, U16, …). */
export type SafetensorsDType = 'F64' | 'F32' | 'I64' | 'I32' | 'U8';

export type SafetensorsData = Float64Array | Float32Array | BigInt64Array | Int32Array | Uint8Array;

export interface SafetensorsTensor {
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  readonly data: SafetensorsData;
}

export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, SafetensorsTensor>;
  readonly metadata: Readonly<Record<string, string>>;
}

export const METADATA_KEY = '__metadata__';

/** Element size and array constructor per dtype. */
export const DTYPES: Readonly<Record<SafetensorsDType, { readonly bytes: number; readonly of: (buffer: ArrayBuffer) => SafetensorsData }>> = {
  F64: { bytes: 8, of: (b) => new Float64Array(b) },
  F32: { bytes: 4, of: (b) => new Float32Array(b) },
  I64: { bytes: 8, of: (b) => new BigInt64Array(b) },
  I32: { bytes: 4, of: (b) => new Int32Array(b) },
  U8: { bytes: 1, of: (b) => new Uint8Array(b) },
};

export function isSafetensorsDType(value: unknown): value is SafetensorsDType {
  return typeof value === 'string' && Object.hasOwn(DTYPES, value);
}

export const elementCount = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);
