import { broadcastOffset, broadcastShape, size, unravel, type NdArray } from './NdArray.js';

export function map(a: NdArray, f: (x: number) => number): NdArray {
  return { shape: [...a.shape], data: a.data.map(f) };
}

export function zip(a: NdArray, b: NdArray, f: (x: number, y: number) => number): NdArray {
  const shape = broadcastShape(a.shape, b.shape);
  const data = new Float64Array(size(shape));
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape);
    data[i] = f(a.data[broadcastOffset(idx, a.shape)] ?? NaN, b.data[broadcastOffset(idx, b.shape)] ?? NaN);
  }
  return { shape, data };
}

/** Booleans are 0/1 numbers in the reference. */
export function where(cond: NdArray, x: NdArray, y: NdArray): NdArray {
  const shape = broadcastShape(cond.shape, x.shape, y.shape);
  const data = new Float64Array(size(shape));
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape);
    const c = cond.data[broadcastOffset(idx, cond.shape)] ?? 0;
    data[i] = (c !== 0 ? x.data[broadcastOffset(idx, x.shape)] : y.data[broadcastOffset(idx, y.shape)]) ?? NaN;
  }
  return { shape, data };
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
