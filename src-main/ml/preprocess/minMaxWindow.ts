import type { VoiWindow } from './windowPresets';

/**
 * The window that maps the smallest value to black and the largest to white under the PS3.3 linear
 * function: w = max − min + 1, c = (min + max)/2 + 0.5. Worked: the lower edge c − 0.5 − (w − 1)/2 = min
 * (→ yMin) and at x = max the middle branch gives ((max − (min+max)/2)/(max − min) + 0.5) = 1 (→ yMax).
 * Used for MR and anything without a meaningful absolute scale. A flat frame gets w = 1 (all black).
 */
export function minMaxWindow(values: ArrayLike<number>): VoiWindow {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError('minMaxWindow: no finite values');
  return { center: (min + max) / 2 + 0.5, width: max - min + 1 };
}
