const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkSpan {
  /** The monologue, trimmed; null when the text has no think tags at all. */
  think: string | null;
  /** Index where the text after the monologue starts (0 when there is no closed monologue). */
  afterIndex: number;
}

/**
 * Finds the first <think> block. Two irregular cases occur in practice: chat templates that pre-fill the
 * opening tag leave only `</think>` in the generated text (the monologue is then everything before it),
 * and truncated generations never close the tag (the monologue is then everything after it, and no
 * "after" region exists, so afterIndex stays 0 and callers search the whole text).
 */
export function extractThink(text: string): ThinkSpan {
  const open = text.indexOf(OPEN);
  const close = text.indexOf(CLOSE, open < 0 ? 0 : open + OPEN.length);
  if (open >= 0 && close >= 0) {
    return { think: text.slice(open + OPEN.length, close).trim(), afterIndex: close + CLOSE.length };
  }
  if (open >= 0) return { think: text.slice(open + OPEN.length).trim(), afterIndex: 0 };
  if (close >= 0) return { think: text.slice(0, close).trim(), afterIndex: close + CLOSE.length };
  return { think: null, afterIndex: 0 };
}
