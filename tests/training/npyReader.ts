/**
 * A test-side `.npy` reader written from the format description (numpy.lib.format, version 1.0), not
 * from the writer: magic, version, little-endian uint16 header length, an ASCII dict literal, raw data.
 */
export interface NpyArray {
  readonly major: number;
  readonly minor: number;
  readonly headerLength: number;
  readonly header: string;
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: number[];
  readonly data: Float32Array;
}

export function readNpy(bytes: Uint8Array): NpyArray {
  const magic = [0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0))];
  magic.forEach((b, i) => {
    if (bytes[i] !== b) throw new Error(`npy: bad magic byte ${i}`);
  });
  const major = bytes[6]!;
  const minor = bytes[7]!;
  const headerLength = bytes[8]! | (bytes[9]! << 8);
  const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new Error(`npy: unreadable header ${header}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (descr !== '<f4') throw new Error(`npy: this reader only takes '<f4', got ${descr}`);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = 10 + headerLength;
  if (bytes.length !== start + count * 4) throw new Error(`npy: ${bytes.length - start} data bytes for ${count} float32`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(start + 4 * i, true);
  return { major, minor, headerLength, header, descr, fortranOrder: fortran === 'True', shape, data };
}
