/** Separators in the reference's priority order (reference notes §2, `parse_conditions`). */
export const LABEL_SEPARATORS = [', ', ' and ', ' & ', ',', '&'] as const;

/**
 * How an answer is cut into labels.
 * - `first-separator` (default, the reference code's behaviour): the first separator in priority order
 *   that occurs in the text splits it, and only that one, so "a, b and c" gives ["a", "b and c"].
 *   Rewards must match the trainer the model was tuned with, hence the default.
 * - `every-separator`: all separators split, so "a, b and c" gives ["a", "b", "c"] (nicer for display).
 */
export type LabelSplitMode = 'first-separator' | 'every-separator';

/** Splits an answer (or a ground-truth string) into trimmed, non-empty labels, order kept. */
export function splitLabels(answer: string, mode: LabelSplitMode = 'first-separator'): string[] {
  let parts: string[];
  if (mode === 'first-separator') {
    const sep = LABEL_SEPARATORS.find((s) => answer.includes(s));
    parts = sep === undefined ? [answer] : answer.split(sep);
  } else {
    parts = [answer];
    for (const sep of LABEL_SEPARATORS) parts = parts.flatMap((p) => p.split(sep));
  }
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
