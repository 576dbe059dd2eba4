/**
 * Float images (row-major Float32Array) and the few operations generators share: painting through a
 * mask, smooth random textures, blur, and quantisation to stored values.
 */
import type { LabRandom } from '../LabRandom';
import type { Mask } from '../labTypes';

/** Separable box blur of radius r (mirror edges), repeated `passes` times (3 passes ≈ Gaussian). */
export function boxBlur(data: Float32Array, width: number, height: number, r: number, passes = 1): Float32Array {
  let src = data;
  const tmp = new Float32Array(data.length);
  for (let p = 0; p < passes; p++) {
    const out = new Float32Array(data.length);
    blurLine(src, tmp, width, height, r, 1, width); // rows
    blurLine(tmp, out, height, width, r, width, 1); // columns
    src = out;
  }
  return src;
}

/** Blurs `count` lines of `length` samples; `step` between samples, `lineStep` between lines. */
function blurLine(src: Float32Array, dst: Float32Array, length: number, count: number, r: number, step: number, lineStep: number): void {
  const norm = 1 / (2 * r + 1);
  const at = (i: number): number => (i < 0 ? -i : i >= length ? 2 * length - 2 - i : i);
  for (let line = 0; line < count; line++) {
    const base = line * lineStep;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += src[base + at(k) * step]!;
    for (let i = 0; i < length; i++) {
      dst[base + i * step] = sum * norm;
      sum += src[base + at(i + r + 1) * step]! - src[base + at(i - r) * step]!;
    }
  }
}

/** Smooth random texture, zero mean and unit standard deviation; `scale` is the blur radius in pixels. */
export function smoothNoise(rng: LabRandom, width: number, height: number, scale: number): Float32Array {
  const white = new Float32Array(width * height);
  for (let i = 0; i < white.length; i++) white[i] = rng.normal();
  const smooth = scale >= 1 ? boxBlur(white, width, height, Math.round(scale), 3) : white;
  let mean = 0;
  for (const v of smooth) mean += v;
  mean /= smooth.length;
  let varSum = 0;
  for (const v of smooth) varSum += (v - mean) ** 2;
  const sd = Math.sqrt(varSum / smooth.length) || 1;
  for (let i = 0; i < smooth.length; i++) smooth[i] = (smooth[i]! - mean) / sd;
  return smooth;
}

/** Sets every masked pixel to f(current value, pixel index). */
export function paintMask(data: Float32Array, mask: Mask, f: (value: number, index: number) => number): void {
  for (let i = 0; i < data.length; i++) if (mask.data[i]) data[i] = f(data[i]!, i);
}

/** Adds white Gaussian noise of standard deviation sd to every pixel. */
export function addNoise(rng: LabRandom, data: Float32Array, sd: number): void {
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + rng.normal(0, sd);
}

/** Maps [0, 1] intensities to unsigned stored values 0..maxValue (clamped, rounded). */
export function quantise(data: Float32Array, maxValue: number): Uint16Array {
  const out = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, data[i]!)) * maxValue);
  return out;
}
