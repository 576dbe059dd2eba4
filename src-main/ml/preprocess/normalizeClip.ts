import type { ChwImage, RgbImage } from './types';

/** OpenAI CLIP statistics, which Qwen2/2.5-VL's image processor uses (notes §7). */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

const f32 = Math.fround;

/**
 * HWC bytes → CHW float32: v/255, then (v − mean)/std per channel. Each step is rounded to float32 as
 * transformers does it (rescale in float64 then cast to float32; normalise in float32 with float32
 * mean/std). Doing float32 +,−,×,÷ in doubles and rounding once gives the float32 result exactly, so the
 * output is bit-identical to the slow processor's.
 */
export function normalizeClip(rgb: RgbImage): ChwImage {
  const { width, height, data } = rgb;
  const n = width * height;
  if (data.length < n * 3) throw new RangeError(`normalizeClip: ${data.length} bytes for ${width}x${height} RGB`);
  const out = new Float32Array(3 * n);
  const rescale = 1 / 255;
  for (let c = 0; c < 3; c++) {
    const mean = f32(CLIP_MEAN[c] as number);
    const std = f32(CLIP_STD[c] as number);
    for (let i = 0; i < n; i++) {
      const v = f32((data[i * 3 + c] as number) * rescale);
      out[c * n + i] = f32(f32(v - mean) / std);
    }
  }
  return { channels: 3, height, width, data: out };
}
