import type { RgbImage } from './types';

/**
 * Drops the alpha channel of a photo (readPhoto's RGBA). PIL's convert("RGB"), which Qwen's pipeline
 * applies, discards alpha without compositing onto a background, so this does the same.
 */
export function rgbaToRgb(width: number, height: number, rgba: Uint8Array): RgbImage {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`rgbaToRgb: ${rgba.length} bytes for ${width}x${height} RGBA`);
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    data[i * 3] = rgba[i * 4] as number;
    data[i * 3 + 1] = rgba[i * 4 + 1] as number;
    data[i * 3 + 2] = rgba[i * 4 + 2] as number;
  }
  return { width, height, data };
}
