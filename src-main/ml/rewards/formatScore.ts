import { isBBox, isPlainObject } from '../protocol/boxesFromJson';
import { parseModelOutput } from '../protocol/parseModelOutput';
import type { ParsedJson } from '../protocol/types';

/** Format reward (notes §3) of a raw response. */
export function formatScore(text: string): number {
  return formatScoreOf(parseModelOutput(text).json);
}

/**
 * Format reward of an already parsed JSON block, in tenths to avoid float drift (0.2+0.1 ≠ 0.3):
 *  +2 the block sat in a code fence; +1 that fence was marked json;
 *  +2 it parsed strictly, or only +1 if it needed lenient parsing — the reference's "+0.1 only if it
 *     needed lenient parsing" REPLACES the 0.2 (its fallback branch adds 0.1 instead), it is not a bonus.
 *     Unfenced JSON always counts as lenient (parseModelOutput);
 *  +1 it is a list; then +4 × the fraction of list items that are objects with a non-empty string
 *     `label` and a `bbox_2d` of four finite numbers.
 * As in the reference, a single object or {"objects_of_interest": [...]} earns no list or item points:
 * the instruction asks for a list, and these shapes are accepted for IoU only.
 */
export function formatScoreOf(json: ParsedJson): number {
  let tenths = 0;
  if (json.fenced) tenths += 2;
  if (json.fenced && json.markedJson) tenths += 1;
  if (json.parsed === undefined) return tenths / 10;
  tenths += json.lenient ? 1 : 2;
  if (!Array.isArray(json.parsed)) return tenths / 10;
  tenths += 1;
  const items: unknown[] = json.parsed;
  if (items.length === 0) return tenths / 10;
  const wellFormed = items.filter(isWellFormedItem).length;
  return (tenths + (4 * wellFormed) / items.length) / 10;
}

function isWellFormedItem(item: unknown): boolean {
  if (!isPlainObject(item)) return false;
  const label = item['label'];
  return typeof label === 'string' && label.trim().length > 0 && isBBox(item['bbox_2d']);
}
