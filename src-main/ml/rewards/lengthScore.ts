/** Responses of this many characters or more earn the full length reward (notes §3). */
export const FULL_LENGTH_CHARS = 600;

/**
 * Length reward: min(1, characters / 600). Characters are Unicode code points, as Python's len() counts
 * them in the reference, so an emoji or a CJK supplementary character counts once, not twice.
 */
export function lengthScore(text: string): number {
  let chars = 0;
  for (const _ of text) {
    chars++;
    if (chars >= FULL_LENGTH_CHARS) return 1;
  }
  return chars / FULL_LENGTH_CHARS;
}
