import { DTYPES, elementCount, METADATA_KEY, type SafetensorsTensor } from './safetensorsFormat.js';

/**
 * Serialises tensors to safetensors bytes, in the given order. Data is written little-endian (the
 * spec's byte order; typed arrays are little-endian on every platform Node runs on). The JSON header
 * is padded with spaces to a multiple of 8 bytes, as the reference writer does, so every tensor
 * starts 8-byte aligned and a reader can view it in place.
 */
export function writeSafetensors(tensors: ReadonlyMap<string, SafetensorsTensor>, metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA_KEY] = { ...metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    if (name === METADATA_KEY) throw new Error(`writeSafetensors: '${METADATA_KEY}' is reserved`);
    if (t.shape.some((d) => !Number.isInteger(d) || d < 0)) throw new Error(`writeSafetensors: '${name}' has shape [${t.shape.join(', ')}]`);
    if (elementCount(t.shape) !== t.data.length) throw new Error(`writeSafetensors: '${name}': ${t.data.length} values do not fill [${t.shape.join(', ')}]`);
    if (t.data.BYTES_PER_ELEMENT !== DTYPES[t.dtype].bytes) throw new Error(`writeSafetensors: '${name}' data does not match dtype ${t.dtype}`);
    header[name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerSize = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerSize + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerSize), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerSize); // trailing spaces: still valid JSON
  let at = 8 + headerSize;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}
