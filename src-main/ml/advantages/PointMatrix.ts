/** n points of dimension d, row-major in one flat array (cache-friendly, no per-point objects). */
export interface PointMatrix {
  readonly data: Float64Array; // (n, d)
  readonly n: number;
  readonly d: number;
}

/** Builds a PointMatrix from rows of equal length (tests, small call sites). */
export function pointMatrix(rows: readonly (readonly number[])[], d = rows[0]?.length ?? 0): PointMatrix {
  const data = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`pointMatrix: row ${i} has ${row.length} values, expected ${d}`);
    data.set(row, i * d);
  });
  return { data, n: rows.length, d };
}
