/** ‖a[ai..ai+d) − b[bi..bi+d)‖² on flat arrays; offsets avoid allocating row views in hot loops. */
export function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[ai + j]! - b[bi + j]!;
    s += diff * diff;
  }
  return s;
}
