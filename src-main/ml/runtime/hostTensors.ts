import type { HostTensor } from '../ort/index.js';

// Small constructors for the runtime's feeds, so call sites state shapes, not typed-array plumbing.

export function int64Tensor(dims: readonly number[], values: ArrayLike<number>): HostTensor {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]!);
  return { type: 'int64', dims, data };
}

/** All-ones int64 (B, T): the attention mask of unpadded rows, filled without per-element conversions. */
export function onesInt64Tensor(dims: readonly number[]): HostTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  return { type: 'int64', dims, data: new BigInt64Array(n).fill(1n) };
}

export const float32Tensor = (dims: readonly number[], data: Float32Array): HostTensor => ({ type: 'float32', dims, data });

/** The one float32 output a graph must have, by name. */
export function float32Output(outputs: Readonly<Record<string, HostTensor>>, name: string): { dims: readonly number[]; data: Float32Array } {
  const t = outputs[name];
  if (!t) throw new Error(`graph returned no '${name}' (got ${Object.keys(outputs).join(', ')})`);
  if (!(t.data instanceof Float32Array)) throw new Error(`graph output '${name}' is ${t.type}, expected float32`);
  return { dims: t.dims, data: t.data };
}
