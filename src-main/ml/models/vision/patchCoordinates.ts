import { add, div, gather, mul, range, scalar, shape, sub, type GraphBuilder, type Tensor } from '../../graph/index.js';

export interface PatchCoordinates {
  readonly frame: Tensor; // (N) int64: temporal patch index t
  readonly row: Tensor; // (N) int64: patch row in the frame
  readonly col: Tensor; // (N) int64: patch column in the frame
}

/**
 * (t, row, col) of every `pixel_values` row, derived in the graph from grid_thw's FIRST row and the
 * patchOrder layout (frame → merge window → row-major inside the window). Integer Div floors here
 * because every operand is non-negative.
 */
export function patchCoordinates(g: GraphBuilder, pixelValues: Tensor, gridThw: Tensor, merge: number): PatchCoordinates {
  const i64 = (v: number) => scalar(g, v, 'int64');
  const mod = (a: Tensor, b: Tensor) => sub(g, a, mul(g, div(g, a, b), b));
  const grid = gather(g, gridThw, i64(0)); // (3): one image per call
  const unitsH = div(g, gather(g, grid, i64(1)), i64(merge)); // ()
  const unitsW = div(g, gather(g, grid, i64(2)), i64(merge)); // ()
  const count = gather(g, shape(g, pixelValues), i64(0)); // ()
  const index = range(g, i64(0), count, i64(1), pixelValues.shape[0]); // (N)

  const unit = div(g, index, i64(merge * merge)); // (N): merge window, counted over all frames
  const inUnit = mod(index, i64(merge * merge)); // (N): position inside the window, row-major
  const unitsPerFrame = mul(g, unitsH, unitsW); // ()
  const frame = div(g, unit, unitsPerFrame); // (N)
  const unitInFrame = mod(unit, unitsPerFrame); // (N)
  const row = add(g, mul(g, div(g, unitInFrame, unitsW), i64(merge)), div(g, inUnit, i64(merge))); // (N)
  const col = add(g, mul(g, mod(unitInFrame, unitsW), i64(merge)), mod(inUnit, i64(merge))); // (N)
  return { frame, row, col };
}
