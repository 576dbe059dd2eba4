/** Path coordinates to 0.001 mm: far below a pixel, and keeps path strings short. */
export function svgNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
