import { RESAMPLE_FILTERS, type ResampleKind } from './resampleFilters';
import { resampleWeights, WEIGHT_BITS, type AxisWeights } from './resampleWeights';
import type { RgbImage } from './types';

/**
 * Resizes 8-bit RGB the way PIL's Image.resize does (which Qwen2-VL's slow image processor calls with
 * BICUBIC): separable, horizontal pass then vertical, each pass in 22-bit fixed point rounded and clipped
 * back to 8 bits, kernel widened when shrinking (antialiasing). A pass whose size does not change is
 * skipped, as in PIL. Bicubic is the default because that is what the model was trained on; bilinear is
 * offered for speed/smoothness. Plain (non-antialiased) bicubic interpolation, e.g. OpenCV's or torch's
 * default with a = −0.75, blurs less and aliases when shrinking; the transformers "fast" (torchvision)
 * processor resizes antialiased but in floating point without PIL's 8-bit rounding between the passes,
 * so its pixels can differ from these by about one grey level.
 */
export function resizeRgb(image: RgbImage, width: number, height: number, kind: ResampleKind = 'bicubic'): RgbImage {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new RangeError(`resizeRgb: bad target size ${width}x${height}`);
  }
  const filter = RESAMPLE_FILTERS[kind];
  let current = image;
  if (width !== current.width) {
    current = horizontalPass(current, width, resampleWeights(current.width, width, filter));
  }
  if (height !== current.height) {
    current = verticalPass(current, height, resampleWeights(current.height, height, filter));
  }
  return current === image ? { width, height, data: image.data.slice() } : current;
}

const HALF = 2 ** (WEIGHT_BITS - 1);
const ONE = 2 ** WEIGHT_BITS;

/** PIL's clip8: add ½, shift right (floor), clamp. Integers here stay far below 2^53, so doubles are exact. */
function toByte(sum: number): number {
  const v = Math.floor((sum + HALF) / ONE);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function horizontalPass(src: RgbImage, outWidth: number, w: AxisWeights): RgbImage {
  const out = new Uint8Array(outWidth * src.height * 3);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width * 3;
    for (let x = 0; x < outWidth; x++) {
      const first = w.first[x] as number;
      const count = w.count[x] as number;
      const base = x * w.taps;
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let k = 0; k < count; k++) sum += (src.data[row + (first + k) * 3 + c] as number) * (w.weights[base + k] as number);
        out[(y * outWidth + x) * 3 + c] = toByte(sum);
      }
    }
  }
  return { width: outWidth, height: src.height, data: out };
}

function verticalPass(src: RgbImage, outHeight: number, w: AxisWeights): RgbImage {
  const stride = src.width * 3;
  const out = new Uint8Array(outHeight * stride);
  for (let y = 0; y < outHeight; y++) {
    const first = w.first[y] as number;
    const count = w.count[y] as number;
    const base = y * w.taps;
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (let k = 0; k < count; k++) sum += (src.data[(first + k) * stride + i] as number) * (w.weights[base + k] as number);
      out[y * stride + i] = toByte(sum);
    }
  }
  return { width: src.width, height: outHeight, data: out };
}
