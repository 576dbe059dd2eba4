// Reference arrays for the graph tests: float64, row-major, written with plain loops and sharing no
// code with src-main/ml/graph, so a bug in the DSL cannot hide in both sides of a comparison.

export interface NdArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function nd(shape: readonly number[], values: ArrayLike<number | bigint>): NdArray {
  const size = shape.reduce((n, d) => n * d, 1);
  if (size !== values.length) throw new Error(`reference: ${values.length} values for shape [${shape.join(',')}]`);
  return { shape: [...shape], data: Float64Array.from(values as ArrayLike<number>, (v) => Number(v)) };
}

export function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = (out[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  return out;
}

/** Multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] ?? 1;
    idx[i] = flat % d;
    flat = Math.floor(flat / d);
  }
  return idx;
}

/** Flat position of a (right-aligned, broadcast) index into an array of `shape`. */
export function broadcastOffset(index: readonly number[], shape: readonly number[]): number {
  const s = strides(shape);
  const lead = index.length - shape.length;
  let off = 0;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i] ?? 1;
    off += (d === 1 ? 0 : (index[lead + i] ?? 0)) * (s[i] ?? 0);
  }
  return off;
}

export function broadcastShape(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const v = s[s.length - rank + i] ?? 1;
      if (v !== 1 && d !== 1 && v !== d) throw new Error('reference: shapes do not broadcast');
      if (v !== 1) d = v;
    }
    out.push(d);
  }
  return out;
}

export function size(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}
