/**
 * Cuts a reasoning trace into sentences for the findings panel: at line breaks and after . ! ? followed
 * by whitespace. Requiring the whitespace keeps decimals ("3.5 cm") and dotted codes whole; an
 * abbreviation such as "approx. 3 cm" will split, which only shortens what is shown, never loses text.
 */
export function splitTraceSentences(think: string | null): string[] {
  if (!think) return [];
  return think
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
