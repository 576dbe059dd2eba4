/** Small phrase helpers shared by the generators' reasoning texts. */

/** Millimetres from pixels, rounded to whole mm for the text. */
export function mm(pixels: number, spacingMm: number): number {
  return Math.max(1, Math.round(pixels * spacingMm));
}

/** Upper / middle / lower third of an extent. */
export function third(value: number, start: number, end: number, names: [string, string, string]): string {
  const f = (value - start) / Math.max(1e-9, end - start);
  return f < 1 / 3 ? names[0] : f < 2 / 3 ? names[1] : names[2];
}

/** "a, b and c". */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
