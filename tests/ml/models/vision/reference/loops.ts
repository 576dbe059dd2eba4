// Float64 loop kernels for the model references. Written from the formulas, sharing nothing with
// src-main/ml/graph, so a slip in the DSL decomposition cannot appear on both sides of a comparison.
// Matrices are row-major Float64Arrays; linear weights are torch's (out, in), as the checkpoints hold them.

/** y = x·Wᵀ (+ b) for `rows` rows of width `inDim`, W (outDim, inDim). */
export function linear(x: Float64Array, inDim: number, w: Float64Array, outDim: number, b?: Float64Array): Float64Array {
  const rows = x.length / inDim;
  const y = new Float64Array(rows * outDim);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outDim; o++) {
      let acc = b ? (b[o] ?? 0) : 0;
      for (let i = 0; i < inDim; i++) acc += (x[r * inDim + i] ?? 0) * (w[o * inDim + i] ?? 0);
      y[r * outDim + o] = acc;
    }
  }
  return y;
}

export function rmsNorm(x: Float64Array, width: number, gain: Float64Array, eps: number): Float64Array {
  const y = new Float64Array(x.length);
  for (let r = 0; r < x.length / width; r++) {
    let ss = 0;
    for (let c = 0; c < width; c++) ss += (x[r * width + c] ?? 0) ** 2;
    const inv = 1 / Math.sqrt(ss / width + eps);
    for (let c = 0; c < width; c++) y[r * width + c] = (x[r * width + c] ?? 0) * inv * (gain[c] ?? 0);
  }
  return y;
}

export function layerNorm(x: Float64Array, width: number, gain: Float64Array, bias: Float64Array, eps: number): Float64Array {
  const y = new Float64Array(x.length);
  for (let r = 0; r < x.length / width; r++) {
    let mean = 0;
    for (let c = 0; c < width; c++) mean += (x[r * width + c] ?? 0) / width;
    let variance = 0;
    for (let c = 0; c < width; c++) variance += ((x[r * width + c] ?? 0) - mean) ** 2 / width;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let c = 0; c < width; c++) y[r * width + c] = ((x[r * width + c] ?? 0) - mean) * inv * (gain[c] ?? 0) + (bias[c] ?? 0);
  }
  return y;
}

/** erf to ~1e-15: Maclaurin series for |x| < 3, the erfc continued fraction beyond (no cancellation there). */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let k = a;
  for (let n = 80; n >= 1; n--) k = a + n / 2 / k;
  const erfc = Math.exp(-a * a) / (Math.sqrt(Math.PI) * k);
  return Math.sign(x) * (1 - erfc);
}

export const gelu = (x: number): number => 0.5 * x * (1 + erf(x / Math.SQRT2));
export const silu = (x: number): number => x / (1 + Math.exp(-x));

/**
 * Multi-head attention on token rows laid out (N, H·D): query i sees key j iff `allowed(i, j)`,
 * scores scaled by 1/√D, softmax over the allowed keys only.
 */
export function attention(q: Float64Array, k: Float64Array, v: Float64Array, n: number, heads: number, allowed: (i: number, j: number) => boolean): Float64Array {
  const width = q.length / n;
  const d = width / heads;
  const out = new Float64Array(n * width);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < n; i++) {
      const keys: number[] = [];
      const scores: number[] = [];
      for (let j = 0; j < n; j++) {
        if (!allowed(i, j)) continue;
        let dot = 0;
        for (let e = 0; e < d; e++) dot += (q[i * width + h * d + e] ?? 0) * (k[j * width + h * d + e] ?? 0);
        keys.push(j);
        scores.push(dot / Math.sqrt(d));
      }
      const max = Math.max(...scores);
      const weights = scores.map((s) => Math.exp(s - max));
      const total = weights.reduce((a, b) => a + b, 0);
      for (let e = 0; e < d; e++) {
        let acc = 0;
        keys.forEach((j, n2) => (acc += ((weights[n2] ?? 0) / total) * (v[j * width + h * d + e] ?? 0)));
        out[i * width + h * d + e] = acc;
      }
    }
  }
  return out;
}

export const addInto = (a: Float64Array, b: Float64Array): Float64Array => a.map((v, i) => v + (b[i] ?? 0));
