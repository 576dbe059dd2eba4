/**
 * DICOM PS3.3 C.11.2.1.2.1 "LINEAR" VOI function, exactly as the standard writes it (the −0.5 and
 * (w − 1) terms place the window on pixel-value centres, so W/L from the file reproduce what a
 * conformant viewer shows):
 *   x ≤ c − 0.5 − (w − 1)/2        → yMin
 *   x > c − 0.5 + (w − 1)/2        → yMax
 *   otherwise  ((x − (c − 0.5)) / (w − 1) + 0.5) · (yMax − yMin) + yMin
 * Width must be ≥ 1 (the standard forbids less). With w = 1 the middle branch is empty, so no division
 * by zero happens. Returns the unrounded output value.
 */
export function voiLinear(x: number, center: number, width: number, yMin = 0, yMax = 255): number {
  if (!(width >= 1)) throw new RangeError(`VOI window width must be >= 1, got ${width}`);
  const half = (width - 1) / 2;
  if (x <= center - 0.5 - half) return yMin;
  if (x > center - 0.5 + half) return yMax;
  return ((x - (center - 0.5)) / (width - 1) + 0.5) * (yMax - yMin) + yMin;
}
