import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors, type SafetensorsTensor } from '../../../src-main/ml/train/index.js';

/** A file assembled by hand from the spec: u64 LE header size, the JSON text, then the raw buffer. */
function handBuilt(headerJson: string, data: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(headerJson);
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

/** Little-endian bytes written value by value through a DataView (independent of typed-array order). */
function leBytes(parts: readonly ['f32' | 'f64' | 'i64' | 'i32', number][]): Uint8Array {
  const size = parts.reduce((n, [kind]) => n + (kind === 'f64' || kind === 'i64' ? 8 : 4), 0);
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  for (const [kind, v] of parts) {
    if (kind === 'f32') view.setFloat32(at, v, true);
    else if (kind === 'i32') view.setInt32(at, v, true);
    else if (kind === 'f64') view.setFloat64(at, v, true);
    else view.setBigInt64(at, BigInt(v), true);
    at += kind === 'f64' || kind === 'i64' ? 8 : 4;
  }
  return new Uint8Array(view.buffer);
}

describe('safetensors reader / writer', () => {
  it('reads a hand-built file (unsorted entries, metadata last, unpadded header, data out of header order)', () => {
    // 'b' is stored first in the buffer although listed second: offsets, not order, locate data.
    const header =
      '{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]},' +
      '"b":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},' +
      '"s":{"dtype":"F64","shape":[],"data_offsets":[24,32]},' +
      '"e":{"dtype":"I32","shape":[0,3],"data_offsets":[32,32]},' +
      '"__metadata__":{"format":"pt","note":"hand-built"}}';
    const data = leBytes([['i64', -7], ['f32', 1.5], ['f32', -2], ['f32', 0.25], ['f32', 3], ['f64', Math.PI]]);
    // A Node Buffer from a shared pool, as readFile returns: the reader must not alias its pool.
    const file = Buffer.from(handBuilt(header, data));
    const { tensors, metadata } = readSafetensors(file);
    expect(metadata).toEqual({ format: 'pt', note: 'hand-built' });
    expect([...tensors.keys()]).toEqual(['a', 'b', 's', 'e']);
    expect(tensors.get('a')).toEqual({ dtype: 'F32', shape: [2, 2], data: Float32Array.of(1.5, -2, 0.25, 3) });
    expect(tensors.get('b')).toEqual({ dtype: 'I64', shape: [1], data: BigInt64Array.of(-7n) });
    expect(tensors.get('s')).toEqual({ dtype: 'F64', shape: [], data: Float64Array.of(Math.PI) });
    expect(tensors.get('e')).toEqual({ dtype: 'I32', shape: [0, 3], data: new Int32Array(0) });
  });

  it('writes exactly the bytes the spec describes (header padded with spaces to 8, data in order)', () => {
    const bytes = writeSafetensors(new Map<string, SafetensorsTensor>([['w', { dtype: 'F32', shape: [2], data: Float32Array.of(1, -0.5) }]]), { format: 'pt' });
    const json = '{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = json + ' '.repeat((8 - (json.length % 8)) % 8);
    expect(Buffer.from(bytes).equals(Buffer.from(handBuilt(padded, leBytes([['f32', 1], ['f32', -0.5]]))))).toBe(true);
    expect((8 + padded.length) % 8).toBe(0); // tensors start 8-byte aligned
  });

  it('round-trips every supported dtype bit-exactly (NaN payloads, −0, extremes)', () => {
    const f32 = Float32Array.of(-0, Number.NaN, 3.4028234663852886e38, 1e-45, -1.25);
    const tensors = new Map<string, SafetensorsTensor>([
      ['model.layers.0.self_attn.q_proj.weight', { dtype: 'F32', shape: [5, 1], data: f32 }],
      ['f64', { dtype: 'F64', shape: [2], data: Float64Array.of(Number.MIN_VALUE, -Infinity) }],
      ['i64', { dtype: 'I64', shape: [2], data: BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n) }],
      ['i32', { dtype: 'I32', shape: [1], data: Int32Array.of(-5) }],
      ['u8', { dtype: 'U8', shape: [3], data: Uint8Array.of(0, 128, 255) }],
    ]);
    const back = readSafetensors(writeSafetensors(tensors));
    expect(back.metadata).toEqual({});
    for (const [name, t] of tensors) {
      const r = back.tensors.get(name);
      expect(r?.dtype).toBe(t.dtype);
      expect(r?.shape).toEqual(t.shape);
      const raw = (x: SafetensorsTensor['data']): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
      expect(raw(r?.data as SafetensorsTensor['data']).equals(raw(t.data)), name).toBe(true);
    }
  });

  it('rejects files that break the spec', () => {
    const f32 = leBytes([['f32', 1], ['f32', 2]]);
    const entry = (offsets: string, shape = '[2]', dtype = 'F32'): string => `{"x":{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}}`;
    const cases: [string, Uint8Array, RegExp][] = [
      ['too short', new Uint8Array(4), /shorter than/],
      ['header size beyond the file', (() => { const b = handBuilt(entry('[0,8]'), f32); new DataView(b.buffer).setBigUint64(0, 10_000n, true); return b; })(), /does not fit/],
      ['not JSON', handBuilt('{"x":', f32), /not UTF-8 JSON/],
      ['not an object', handBuilt('[1,2]', f32), /not a JSON object/],
      ['unknown dtype', handBuilt(entry('[0,8]', '[2]', 'Q7'), f32), /unsupported dtype/],
      ['bad shape', handBuilt(entry('[0,8]', '[-2]'), f32), /invalid shape/],
      ['offsets past the end', handBuilt(entry('[0,16]', '[4]'), f32), /outside/],
      ['size mismatch', handBuilt(entry('[0,8]', '[3]'), f32), /needs 12/],
      ['hole', handBuilt(entry('[4,8]', '[1]'), f32), /hole/],
      ['trailing bytes', handBuilt(entry('[0,4]', '[1]'), f32), /trailing/],
      [
        'overlap',
        handBuilt('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', f32),
        /overlaps/,
      ],
      ['metadata not strings', handBuilt(`{"__metadata__":{"n":1},${entry('[0,8]').slice(1)}`, f32), /not a string/],
    ];
    for (const [label, bytes, why] of cases) expect(() => readSafetensors(bytes), label).toThrow(why);
  });

  it('refuses to write what it could not read back', () => {
    const t = (shape: number[], data: SafetensorsTensor['data'], dtype: SafetensorsTensor['dtype'] = 'F32'): Map<string, SafetensorsTensor> => new Map([['x', { dtype, shape, data }]]);
    expect(() => writeSafetensors(t([3], new Float32Array(2)))).toThrow(/do not fill/);
    expect(() => writeSafetensors(t([2], new Float64Array(2)))).toThrow(/dtype F32/);
    expect(() => writeSafetensors(new Map([['__metadata__', { dtype: 'U8', shape: [0], data: new Uint8Array(0) }]]))).toThrow(/reserved/);
  });
});
