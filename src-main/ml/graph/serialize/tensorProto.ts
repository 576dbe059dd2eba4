import { bytesPerElement, onnxDataType } from '../dtype.js';
import { numElements } from '../shapeUtils.js';
import type { TensorData } from '../types.js';
import { onnx, type ITensorProto } from './onnxSchema.js';

/** Little-endian bytes of the tensor (all supported hosts are little-endian, as ONNX raw_data is). */
export function rawBytes(t: TensorData): Uint8Array {
  const expected = numElements(t.dims) * bytesPerElement(t.dtype);
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  if (bytes.byteLength !== expected) throw new Error(`Tensor data has ${bytes.byteLength} bytes, dims need ${expected}`);
  return bytes.slice(); // a copy: the proto must not alias a caller's buffer that may change later
}

/** A TensorProto holding its values inline as raw_data. */
export function inlineTensorProto(t: TensorData, name = ''): ITensorProto {
  return { name, dims: [...t.dims], dataType: onnxDataType(t.dtype), rawData: rawBytes(t) };
}

/** A TensorProto whose values live at [offset, offset + length) of the side file `location`. */
export function externalTensorProto(t: TensorData, name: string, location: string, offset: number, length: number): ITensorProto {
  return {
    name,
    dims: [...t.dims],
    dataType: onnxDataType(t.dtype),
    dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
    externalData: [
      { key: 'location', value: location },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(length) },
    ],
  };
}
