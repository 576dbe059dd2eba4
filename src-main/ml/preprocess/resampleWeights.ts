import type { ResampleFilter } from './resampleFilters';

/** Fixed-point precision of PIL's 8-bit resampler (32 − 8 − 2 bits). */
export const WEIGHT_BITS = 22;

/** For each output index: first input index and integer weights (sum ≈ 2^22). */
export interface AxisWeights {
  first: Int32Array;
  count: Int32Array;
  /** count[i] weights of output i start at i × taps. */
  weights: Float64Array;
  taps: number;
}

/**
 * Antialiased convolution weights along one axis, computed as PIL's precompute_coeffs does: output pixel
 * i samples the input around centre (i + 0.5)·scale; when shrinking, the kernel is stretched by the scale
 * factor (that widening is what makes PIL's resize antialiased, unlike plain bicubic interpolation);
 * weights are normalised to sum 1 and then rounded to 22-bit fixed point (half away from zero).
 */
export function resampleWeights(inSize: number, outSize: number, filter: ResampleFilter): AxisWeights {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * taps);
  const raw = new Float64Array(taps);
  // PIL multiplies by the reciprocal rather than dividing; x·(1/s) and x/s can differ in the last bit.
  const inverseScale = 1 / filterScale;
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    // C's (int) cast truncates toward zero; PIL relies on it before clamping.
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const w = filter.kernel((x + xmin - center + 0.5) * inverseScale);
      raw[x] = w;
      sum += w;
    }
    first[i] = xmin;
    count[i] = xmax;
    for (let x = 0; x < xmax; x++) {
      const w = sum !== 0 ? (raw[x] as number) / sum : (raw[x] as number);
      const fixed = w * 2 ** WEIGHT_BITS;
      weights[i * taps + x] = w < 0 ? Math.trunc(-0.5 + fixed) : Math.trunc(0.5 + fixed);
    }
  }
  return { first, count, weights, taps };
}
