import type { GridThw } from './types';

/** LLM tokens one image occupies: the merger fuses merge×merge patches into one token (t·h·w/4 for Qwen). */
export function imageTokenCount(gridThw: GridThw, merge = 2): number {
  const [t, h, w] = gridThw;
  const tokens = (t * h * w) / (merge * merge);
  // Each side must split into whole merge windows; the product alone can be divisible when a side is not.
  if (!(Number.isInteger(t) && t > 0 && h > 0 && w > 0 && h % merge === 0 && w % merge === 0)) {
    throw new RangeError(`imageTokenCount: grid (${t}, ${h}, ${w}) is not divisible into ${merge}x${merge} merges`);
  }
  return tokens;
}
