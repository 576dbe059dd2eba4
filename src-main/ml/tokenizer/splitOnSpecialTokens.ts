/**
 * Cuts text around occurrences of the special tokens and drops the specials themselves, so training never
 * learns merges that cross into or out of a special token. Longer specials are tried first, which matters
 * when one special is a prefix of another.
 */
export function splitOnSpecialTokens(text: string, specialTokens: readonly string[]): string[] {
  if (specialTokens.length === 0) return text.length > 0 ? [text] : [];
  const alternatives = [...specialTokens]
    .sort((a, b) => b.length - a.length)
    .map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.split(new RegExp(alternatives.join('|'), 'u')).filter((piece) => piece.length > 0);
}
