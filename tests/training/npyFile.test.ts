/** The `.npy` writer against the format description (numpy.lib.format, version 1.0), byte by byte. */
import { describe, expect, it } from 'vitest';
import { encodeNpyFloat32, npyHeaderDict } from '../../src-main/training/npyFile';
import { readNpy } from './npyReader';

describe('encodeNpyFloat32', () => {
  it('writes magic, version 1.0, a 64-byte-aligned header ending in a newline, then little-endian float32', () => {
    const data = new Float32Array(8 * 2500).map((_, i) => (i % 7) - 3.25);
    const bytes = encodeNpyFloat32(data, [8, 2500]);
    // Magic "\x93NUMPY", major 1, minor 0.
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8]! + 256 * bytes[9]!;
    // The dict numpy itself writes for this array, counted by hand: 62 characters; 10 + 62 + '\n' = 73,
    // so spaces pad to 128 bytes in all: header length 118.
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 2500), }";
    expect(dict.length).toBe(62);
    expect(npyHeaderDict([8, 2500])).toBe(dict);
    expect(headerLength).toBe(118);
    expect((10 + headerLength) % 64).toBe(0);
    const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
    expect(header.startsWith(dict)).toBe(true);
    expect(header.endsWith('\n')).toBe(true);
    expect(header.slice(dict.length, -1)).toMatch(/^ +$/);
    expect(bytes.length).toBe(128 + 8 * 2500 * 4);
    // -3.25 as IEEE-754 single is 0xC0500000: little endian C0 50 00 00 reversed.
    expect([...bytes.subarray(128, 132)]).toEqual([0x00, 0x00, 0x50, 0xc0]);

    const read = readNpy(bytes);
    expect(read).toMatchObject({ major: 1, minor: 0, descr: '<f4', fortranOrder: false, shape: [8, 2500] });
    expect(read.data).toEqual(data);
  });

  it('writes 1-D shapes as numpy does ("(n,)") and refuses a shape that does not fit the data', () => {
    expect(npyHeaderDict([3])).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    const bytes = encodeNpyFloat32(new Float32Array([1, 2, 3]), [3]);
    expect((10 + bytes[8]! + 256 * bytes[9]!) % 64).toBe(0);
    expect(readNpy(bytes).shape).toEqual([3]);
    expect(() => encodeNpyFloat32(new Float32Array(5), [2, 3])).toThrow(/needs 6 values/);
  });
});
