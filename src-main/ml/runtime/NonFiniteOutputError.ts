/**
 * A graph produced NaN or ±Inf. Thrown instead of returning text: output built on such values is
 * meaningless and must not be shown (security-reliability notes, "Model files and inference").
 */
export class NonFiniteOutputError extends Error {
  constructor(
    readonly output: string,
    readonly index: number,
    readonly value: number,
  ) {
    super(`Model output '${output}' holds ${value} at index ${index}: the model is broken or overflowed; the result is discarded`);
    this.name = 'NonFiniteOutputError';
  }
}

/** Throws NonFiniteOutputError on the first NaN or ±Inf. */
export function assertFinite(output: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) throw new NonFiniteOutputError(output, i, v);
  }
}
