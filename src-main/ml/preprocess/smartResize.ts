import { roundHalfEven } from './roundHalfEven';

export interface SmartResizeOptions {
  /** patch size × merge size: 14 × 2 = 28 for Qwen2/2.5-VL. */
  factor: number;
  minPixels: number;
  maxPixels: number;
}

/** QoQ-Med training values (notes §7): 65536..524288 pixels. */
export const QOQ_SMART_RESIZE: SmartResizeOptions = { factor: 28, minPixels: 65536, maxPixels: 524288 };

/**
 * Qwen2.5-VL's smart_resize (qwen_vl_utils form), operation for operation so the doubles match Python's:
 *   h̄ = max(f, round(h/f)·f), w̄ likewise (Python round: ties to even);
 *   if h̄·w̄ > max: β = √(h·w/max), h̄ = max(f, ⌊h/β/f⌋·f), w̄ likewise;
 *   else if h̄·w̄ < min: β = √(min/(h·w)), h̄ = ⌈h·β/f⌉·f, w̄ likewise.
 * The scaling uses the ORIGINAL sides, not the rounded ones. Aspect ratio > 200 is refused, as Qwen does.
 * Returns [height, width] in Qwen's argument order.
 */
export function smartResize(height: number, width: number, options: SmartResizeOptions): [number, number] {
  const { factor, minPixels, maxPixels } = options;
  if (!(Number.isInteger(height) && height > 0 && Number.isInteger(width) && width > 0)) {
    throw new RangeError(`smartResize: bad size ${width}x${height}`);
  }
  if (!(Number.isInteger(factor) && factor > 0) || !(minPixels > 0) || !(maxPixels >= minPixels)) {
    throw new RangeError(`smartResize: bad options ${JSON.stringify(options)}`);
  }
  if (Math.max(height, width) / Math.min(height, width) > 200) {
    throw new RangeError(`smartResize: absolute aspect ratio must be at most 200, got ${height}x${width}`);
  }
  let h = Math.max(factor, roundHalfEven(height / factor) * factor);
  let w = Math.max(factor, roundHalfEven(width / factor) * factor);
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    h = Math.max(factor, Math.floor(height / beta / factor) * factor);
    w = Math.max(factor, Math.floor(width / beta / factor) * factor);
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / factor) * factor;
    w = Math.ceil((width * beta) / factor) * factor;
  }
  return [h, w];
}
