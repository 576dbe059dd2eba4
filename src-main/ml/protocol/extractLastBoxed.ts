const MARKER = '\\boxed{';

/**
 * Contents of the last `\boxed{…}`, trimmed, with nested braces kept balanced. Mirrors the reference
 * grader (mathruler's extract_boxed_content): the LAST opening marker is taken even when it is never
 * closed, in which case the answer counts as absent (a truncated final answer must not fall back to an
 * earlier draft). A nested `\boxed{\boxed{a}}` therefore yields `a`.
 */
export function extractLastBoxed(text: string): string | null {
  const start = text.lastIndexOf(MARKER);
  if (start < 0) return null;
  const from = start + MARKER.length;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) depth++;
    else if (ch === 0x7d /* } */) {
      if (depth === 0) return text.slice(from, i).trim();
      depth--;
    }
  }
  return null;
}
