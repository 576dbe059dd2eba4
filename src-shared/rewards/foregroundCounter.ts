import type { PixelRect } from './toPixelRect';

/** A ground-truth segmentation: row-major, `data[y * width + x] > 0` is foreground. */
export interface GroundTruthMask {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface ForegroundCounter {
  /** Foreground pixels in the whole mask. */
  total: number;
  /** Foreground pixels inside an (already clamped) rect. */
  countIn(rect: PixelRect): number;
}

/**
 * Summed-area table over the mask, so each predicted box costs O(1) however many boxes a response
 * lists (a rollout batch scores thousands). Uint32 holds counts up to 4·10⁹ pixels, far above any
 * encoder-sized mask. A mask whose data does not match its size is a data bug: it throws.
 */
export function createForegroundCounter(mask: GroundTruthMask): ForegroundCounter {
  const { width, height, data } = mask;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`mask size must be non-negative integers, got ${width}×${height}`);
  }
  if (data.length !== width * height) {
    throw new RangeError(`mask data has ${data.length} values, expected ${width}×${height} = ${width * height}`);
  }
  const stride = width + 1;
  const table = new Uint32Array(stride * (height + 1)); // table[(y+1)*stride + (x+1)] = count in [0..x]×[0..y]
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! > 0) rowSum++;
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1]! + rowSum;
    }
  }
  const at = (x: number, y: number): number => table[y * stride + x]!;
  return {
    total: at(width, height),
    countIn: (r) => at(r.x2 + 1, r.y2 + 1) - at(r.x1, r.y2 + 1) - at(r.x2 + 1, r.y1) + at(r.x1, r.y1),
  };
}

/**
 * The counter for a mask object, built once: a GRPO step scores G responses against the same ground
 * truth, and rebuilding the summed-area table per response was most of the reward time (bench:train).
 * Keyed weakly on the mask object, so tables go away with their masks; a mask must not be mutated after
 * it was scored (ground truth never is).
 */
const counters = new WeakMap<GroundTruthMask, ForegroundCounter>();

export function foregroundCounterFor(mask: GroundTruthMask): ForegroundCounter {
  let counter = counters.get(mask);
  if (!counter) {
    counter = createForegroundCounter(mask);
    counters.set(mask, counter);
  }
  return counter;
}
