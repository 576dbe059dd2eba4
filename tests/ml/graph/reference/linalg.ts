import { broadcastOffset, broadcastShape, size, strides, unravel, type NdArray } from './NdArray.js';

/** Batched matmul with broadcast batch dims: (..., M, K) x (..., K, N). */
export function matmul(a: NdArray, b: NdArray): NdArray {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const [k2, n] = b.shape.slice(-2) as [number, number];
  if (k !== k2) throw new Error('reference matmul: inner dims differ');
  const batch = broadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = new Float64Array(size(batch) * m * n);
  for (let bi = 0; bi < size(batch); bi++) {
    const idx = unravel(bi, batch);
    const aOff = broadcastOffset(idx, a.shape.slice(0, -2)) * m * k;
    const bOff = broadcastOffset(idx, b.shape.slice(0, -2)) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += (a.data[aOff + i * k + p] ?? 0) * (b.data[bOff + p * n + j] ?? 0);
        out[bi * m * n + i * n + j] = acc;
      }
    }
  }
  return { shape: [...batch, m, n], data: out };
}

export function transpose(a: NdArray, perm: readonly number[]): NdArray {
  const shape = perm.map((p) => a.shape[p] ?? 0);
  const inStrides = strides(a.shape);
  const data = new Float64Array(a.data.length);
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape);
    let src = 0;
    perm.forEach((p, axis) => (src += (idx[axis] ?? 0) * (inStrides[p] ?? 0)));
    data[i] = a.data[src] ?? NaN;
  }
  return { shape, data };
}
