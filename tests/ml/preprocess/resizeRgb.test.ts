import { describe, expect, it } from 'vitest';
import { resizeRgb } from '../../../src-main/ml/preprocess/resizeRgb';
import type { RgbImage } from '../../../src-main/ml/preprocess/types';

/** A grey image from a row-major list of values (R = G = B). */
function grey(width: number, height: number, values: number[]): RgbImage {
  return { width, height, data: Uint8Array.from(values.flatMap((v) => [v, v, v])) };
}
const greyOf = (img: RgbImage): number[] => Array.from(img.data.filter((_, i) => i % 3 === 0));

describe('resizeRgb (PIL-style antialiased separable convolution)', () => {
  it('bicubic 2 → 4 (upscale), worked by hand with Keys a = −0.5', () => {
    // Output x: centre (x + 0.5)/2. x = 0: centre 0.25, taps at distances 0.25 and 1.25:
    // f(0.25) = (1.5·0.25 − 2.5)·0.0625 + 1 = 0.8671875, f(1.25) = (((1.25−5)·1.25+8)·1.25−4)·(−0.5) = −0.0703125,
    // normalised 1.0882, −0.0882 → 100·1.0882 − 200·0.0882 = 91.18 → 91.
    // x = 1: centre 0.75, f(0.25) = 0.8671875 for pixel 0, f(0.75) = 0.2265625 for pixel 1 → 0.7929, 0.2071 → 120.71 → 121.
    // x = 2, 3 mirror x = 1, 0: 179.29 → 179, 208.82 → 209.
    expect(greyOf(resizeRgb(grey(2, 1, [100, 200]), 4, 1, 'bicubic'))).toEqual([91, 121, 179, 209]);
  });

  it('bilinear 4 → 2 (downscale) widens the triangle by the scale 2 (antialiasing), worked by hand', () => {
    // Output 0: centre 1, support 2, inputs 0..2 at (x − 1 + 0.5)/2 → tri(0.25)=0.75, tri(0.25)=0.75, tri(0.75)=0.25
    // → 3/7, 3/7, 1/7: 0·3/7 + 70·3/7 + 140/7 = 50. Output 1: centre 3, inputs 1..3 → 1/7, 3/7, 3/7:
    // 10 + 60 + 90 = 160. (Plain point-sampled bilinear would give 35 and 175.)
    expect(greyOf(resizeRgb(grey(4, 1, [0, 70, 140, 210]), 2, 1, 'bilinear'))).toEqual([50, 160]);
  });

  it('the vertical pass matches the horizontal one (same column as a row)', () => {
    expect(greyOf(resizeRgb(grey(1, 2, [100, 200]), 1, 4, 'bicubic'))).toEqual([91, 121, 179, 209]);
  });

  it('keeps a flat image flat (weights sum to one) and clips bicubic overshoot to 0..255', () => {
    const flat = resizeRgb(grey(5, 3, new Array(15).fill(77)), 13, 7);
    expect(new Set(flat.data)).toEqual(new Set([77]));
    // 0 → 255 step: the negative lobe would give 0·1.0882 − 255·0.0882 = −22.5 → 0.
    expect(greyOf(resizeRgb(grey(2, 1, [0, 255]), 4, 1))[0]).toBe(0);
  });

  it('channels are independent and a same-size resize is a copy', () => {
    const img: RgbImage = { width: 2, height: 1, data: Uint8Array.from([10, 20, 30, 40, 50, 60]) };
    const same = resizeRgb(img, 2, 1);
    expect(Array.from(same.data)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(same.data).not.toBe(img.data);
    const wide = resizeRgb(img, 4, 1, 'bilinear');
    // Bilinear 2 → 4: centres 0.25, 0.75, 1.25, 1.75; x=0 taps tri(0.25)=0.75, tri(1.25)=0 → pixel 0 only.
    // x = 1: pixel 0 at 0.25 (0.75) and pixel 1 at 0.75 (0.25) → 0.75·10 + 0.25·40 = 17.5 → 18 (PIL adds ½ then floors).
    expect(Array.from(wide.data.slice(0, 6))).toEqual([10, 20, 30, 18, 28, 38]);
  });
});
