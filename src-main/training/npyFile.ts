/**
 * A NumPy `.npy` (format version 1.0) writer for float32 arrays: the tensor files of an exported job
 * (`numpy.load(path)` → ndarray, `torch.from_numpy(...)` → tensor). The format is small and documented
 * (numpy.lib.format / NEP 1), so it is written here rather than pulled in as a dependency:
 *
 *   \x93NUMPY · major 1 · minor 0 · header length (uint16 little-endian) · header · raw data
 *
 * The header is an ASCII Python dict literal, padded with spaces and ended by '\n' so that
 * 10 + header length is a multiple of 64 (the data then starts aligned). Data are C-order float32
 * little-endian ('<f4').
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93 N U M P Y
const PREAMBLE_BYTES = 10; // magic (6) + version (2) + header length (2)
const ALIGN = 64;

/** The header dict as numpy writes it (keys sorted, a trailing comma in a 1-tuple shape). */
export function npyHeaderDict(shape: readonly number[]): string {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  return `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
}

/** Serialises `data` (C order, length = product of `shape`) as a version 1.0 `.npy` file. */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new RangeError(`npy: bad shape (${shape.join(', ')})`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`npy: shape (${shape.join(', ')}) needs ${count} values, got ${data.length}`);
  const dict = npyHeaderDict(shape);
  // Spaces, then the newline, fill the header up to the next multiple of 64 (counting the preamble).
  const unpadded = PREAMBLE_BYTES + dict.length + 1;
  const headerLength = dict.length + 1 + ((ALIGN - (unpadded % ALIGN)) % ALIGN);
  if (headerLength > 0xffff) throw new RangeError('npy: header too long for format version 1.0');
  const header = `${dict.padEnd(headerLength - 1, ' ')}\n`;

  const bytes = new Uint8Array(PREAMBLE_BYTES + headerLength + data.length * 4);
  bytes.set(MAGIC, 0);
  bytes[6] = 1; // major version
  bytes[7] = 0; // minor version
  const view = new DataView(bytes.buffer);
  view.setUint16(8, headerLength, true);
  for (let i = 0; i < header.length; i++) bytes[PREAMBLE_BYTES + i] = header.charCodeAt(i);
  const dataStart = PREAMBLE_BYTES + headerLength;
  // DataView with an explicit byte order: correct on a big-endian host too.
  for (let i = 0; i < data.length; i++) view.setFloat32(dataStart + i * 4, data[i] as number, true);
  return bytes;
}
