/** log Σ exp(x_i) over x[offset, offset + length), computed stably (max subtracted) in float64. */
export function logSumExp(x: ArrayLike<number>, offset = 0, length = x.length - offset): number {
  let max = -Infinity;
  for (let i = offset; i < offset + length; i++) if (x[i]! > max) max = x[i]!;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += Math.exp(x[i]! - max);
  return max + Math.log(sum);
}

/** log softmax of one row: x_i − logΣexp(x). */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  const lse = logSumExp(logits);
  return Float64Array.from({ length: logits.length }, (_, i) => logits[i]! - lse);
}
