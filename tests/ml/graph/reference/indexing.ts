import { size, strides, unravel, type NdArray } from './NdArray.js';

/** Rows of a 2-D table: table (V, C), ids (...) → (..., C). */
export function embedding(table: NdArray, ids: readonly number[], idsShape: readonly number[]): NdArray {
  const c = table.shape[1] ?? 0;
  const data = new Float64Array(ids.length * c);
  ids.forEach((id, i) => {
    for (let j = 0; j < c; j++) data[i * c + j] = table.data[id * c + j] ?? NaN;
  });
  return { shape: [...idsShape, c], data };
}

/** x[start:end] along one axis (non-negative, in-range bounds, step 1). */
export function sliceAxis(a: NdArray, axis: number, start: number, end: number): NdArray {
  const shape = a.shape.map((d, i) => (i === axis ? end - start : d));
  const inStrides = strides(a.shape);
  const data = new Float64Array(size(shape));
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape);
    let src = 0;
    idx.forEach((v, ax) => (src += (ax === axis ? v + start : v) * (inStrides[ax] ?? 0)));
    data[i] = a.data[src] ?? NaN;
  }
  return { shape, data };
}

export function concat(parts: readonly NdArray[], axis: number): NdArray {
  const first = parts[0];
  if (!first) throw new Error('reference concat: nothing to join');
  const total = parts.reduce((n, p) => n + (p.shape[axis] ?? 0), 0);
  const shape = first.shape.map((d, i) => (i === axis ? total : d));
  const data = new Float64Array(size(shape));
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape);
    let along = idx[axis] ?? 0;
    let k = 0;
    while (along >= (parts[k]?.shape[axis] ?? Infinity)) along -= parts[k++]?.shape[axis] ?? 0;
    const part = parts[k] as NdArray;
    const ps = strides(part.shape);
    let src = 0;
    idx.forEach((v, ax) => (src += (ax === axis ? along : v) * (ps[ax] ?? 0)));
    data[i] = part.data[src] ?? NaN;
  }
  return { shape, data };
}
