/**
 * A 3D transfer function for an MR (or other non-CT) volume, placed on the volume's own intensities.
 *
 * Why: MR has no absolute scale. Cornerstone's "MR-Default" preset puts its opacity ramp at fixed values
 * (0–1024), so a volume stored with a larger range (a NIfTI T1 reaching thousands) is opaque everywhere
 * and renders as a grey block with noise on its faces (tests/e2e/photoVolume, photo-08). As Slicer and
 * Horos do for MR, the ramp is moved onto the data: the background (air, the larger dark mode) is found
 * with Otsu's threshold on a sample of voxels and stays fully transparent; tissue above it ramps up in
 * opacity to the 99th percentile, coloured like MR-Default (dark red → flesh → white).
 */

export interface TransferFunctionPoints {
  /** [value, opacity 0–1], ascending value. */
  opacity: [number, number][];
  /** [value, r, g, b] with channels 0–1, ascending value. */
  colors: [number, number, number, number][];
}

const BINS = 256;

/** Otsu's threshold over a histogram: the cut that maximises the between-class variance. */
function otsuBin(histogram: readonly number[]): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  const sumAll = histogram.reduce((a, n, k) => a + n * k, 0);
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let bestVariance = -1;
  for (let k = 0; k < histogram.length - 1; k++) {
    below += histogram[k] ?? 0;
    sumBelow += k * (histogram[k] ?? 0);
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const meanBelow = sumBelow / below;
    const meanAbove = (sumAll - sumBelow) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = k;
    }
  }
  return best;
}

/**
 * The transfer function for a sample of the volume's voxel values (any subset; a few hundred thousand
 * strided voxels are plenty). Throws on an empty or non-finite sample: there is nothing to place it on.
 */
export function mrTransferFunction(sample: ArrayLike<number>): TransferFunctionPoints {
  const values = Float64Array.from({ length: sample.length }, (_, k) => sample[k] ?? NaN).filter(Number.isFinite).sort();
  if (values.length === 0) throw new Error('mrTransferFunction: the volume sample has no finite values');
  const min = values[0]!;
  const max = values[values.length - 1]!;
  if (max === min) return { opacity: [[min, 0]], colors: [[min, 0, 0, 0]] };
  const histogram = new Array<number>(BINS).fill(0);
  const width = (max - min) / BINS;
  for (const v of values) histogram[Math.min(BINS - 1, Math.floor((v - min) / width))]!++;
  // The upper edge of the background class: everything at or below it is transparent.
  const background = min + (otsuBin(histogram) + 1) * width;
  const high = Math.max(values[Math.floor(0.99 * (values.length - 1))]!, background + width);
  const at = (f: number) => background + f * (high - background);
  return {
    opacity: [
      [min, 0],
      [background, 0],
      [at(0.25), 0.05],
      [at(0.6), 0.2],
      [high, 0.4],
      [Math.max(max, high), 0.5],
    ],
    colors: [
      [min, 0, 0, 0],
      [background, 0.17, 0, 0],
      [at(0.25), 0.4, 0.15, 0.08],
      [at(0.6), 0.78, 0.61, 0.38],
      [high, 0.85, 0.84, 0.79],
      [Math.max(max, high), 1, 1, 1],
    ],
  };
}

/** Every `stride`-th value of a volume of `length` voxels, read through `valueAt`, at most ~`limit` values. */
export function strideSample(length: number, valueAt: (index: number) => number, limit = 200_000): Float64Array {
  const stride = Math.max(1, Math.floor(length / limit));
  const out = new Float64Array(Math.ceil(length / stride));
  for (let i = 0, k = 0; i < length; i += stride, k++) out[k] = valueAt(i);
  return out;
}
