/**
 * Python 3's round(): ties go to the even integer (round(2.5) = 2, round(3.5) = 4). Qwen's smart_resize
 * rounds with it, so Math.round (ties up) would give a different size for sides of 28k + 14 pixels.
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
