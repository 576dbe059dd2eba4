import { size, strides, unravel, type NdArray } from './NdArray.js';

type Kind = 'sum' | 'mean' | 'max';

export function reduce(a: NdArray, axesIn: readonly number[], kind: Kind, keepdims = true): NdArray {
  const axes = axesIn.map((x) => (x < 0 ? x + a.shape.length : x));
  const keptShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const acc = new Float64Array(size(keptShape)).fill(kind === 'max' ? -Infinity : 0);
  const keptStrides = strides(keptShape);
  for (let i = 0; i < a.data.length; i++) {
    const idx = unravel(i, a.shape);
    let o = 0;
    idx.forEach((v, ax) => (o += (axes.includes(ax) ? 0 : v) * (keptStrides[ax] ?? 0)));
    const v = a.data[i] ?? NaN;
    acc[o] = kind === 'max' ? Math.max(acc[o] ?? -Infinity, v) : (acc[o] ?? 0) + v;
  }
  if (kind === 'mean') {
    const count = axes.reduce((n, ax) => n * (a.shape[ax] ?? 1), 1);
    for (let i = 0; i < acc.length; i++) acc[i] = (acc[i] ?? 0) / count;
  }
  return { shape: keepdims ? keptShape : a.shape.filter((_, i) => !axes.includes(i)), data: acc };
}

/** Softmax along `axis`, max-subtracted; `log` gives log-softmax. */
export function softmax(a: NdArray, axisIn: number, log = false): NdArray {
  const axis = axisIn < 0 ? axisIn + a.shape.length : axisIn;
  const len = a.shape[axis] ?? 1;
  const stride = strides(a.shape)[axis] ?? 1;
  const data = new Float64Array(a.data.length);
  for (let i = 0; i < a.data.length; i++) {
    if (unravel(i, a.shape)[axis] !== 0) continue; // visit each line once, from its first element
    let max = -Infinity;
    for (let j = 0; j < len; j++) max = Math.max(max, a.data[i + j * stride] ?? -Infinity);
    let sum = 0;
    for (let j = 0; j < len; j++) sum += Math.exp((a.data[i + j * stride] ?? 0) - max);
    for (let j = 0; j < len; j++) {
      const z = (a.data[i + j * stride] ?? 0) - max;
      data[i + j * stride] = log ? z - Math.log(sum) : Math.exp(z) / sum;
    }
  }
  return { shape: [...a.shape], data };
}
