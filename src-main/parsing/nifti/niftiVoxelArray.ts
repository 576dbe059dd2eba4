import type { OpenedNifti } from './openNiftiBytes';

export type NiftiData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/**
 * The voxel data as a typed array in host byte order, x fastest (NIfTI storage order). Complex types are
 * interleaved (re, im); rgb24/rgba32 are 3/4 uint8 per voxel. Always a copy: the file's data offset need
 * not be aligned for the element size, and big-endian data is swapped in place in the copy.
 */
export function niftiVoxelArray(opened: OpenedNifti): NiftiData {
  const { header, file, dataBytes } = opened;
  // Not file.slice(): on a Node Buffer that is a view sharing the (pooled, larger) ArrayBuffer.
  const copy = new Uint8Array(dataBytes);
  copy.set(file.subarray(header.voxOffset, header.voxOffset + dataBytes));
  const elementBytes = header.datatype.elementBytes;
  if (!header.littleEndian && elementBytes > 1) swapBytes(copy, elementBytes);
  const buf = copy.buffer;
  switch (header.datatype.name) {
    case 'uint8':
    case 'rgb24':
    case 'rgba32':
      return copy;
    case 'int8':
      return new Int8Array(buf);
    case 'int16':
      return new Int16Array(buf);
    case 'uint16':
      return new Uint16Array(buf);
    case 'int32':
      return new Int32Array(buf);
    case 'uint32':
      return new Uint32Array(buf);
    case 'int64':
      return new BigInt64Array(buf);
    case 'uint64':
      return new BigUint64Array(buf);
    case 'float32':
    case 'complex64':
      return new Float32Array(buf);
    default:
      return new Float64Array(buf); // float64, complex128
  }
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let lo = i, hi = i + size - 1; lo < hi; lo++, hi--) {
      const t = bytes[lo]!;
      bytes[lo] = bytes[hi]!;
      bytes[hi] = t;
    }
  }
}
