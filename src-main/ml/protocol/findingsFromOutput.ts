import { normaliseLabel } from './normaliseLabel';
import { splitTraceSentences } from './splitTraceSentences';
import type { BBox, ParsedOutput } from './types';

/** One diagnosis or object of interest with its evidence, for the findings panel and reports. */
export interface Finding {
  /** The label as the model first wrote it (answer first, then boxes). */
  label: string;
  /** Named in the boxed answer; false for objects that only appear in the JSON list. */
  inAnswer: boolean;
  /** Boxes whose label matches (after normaliseLabel), in resized-image pixels. */
  boxes: BBox[];
  /** Trace sentences mentioning the label as a whole word, case-insensitively. */
  sentences: string[];
}

/**
 * Groups a parsed response into findings: answer labels in answer order, then box labels the answer
 * does not name (the model marked them as relevant, so the reader should see them). Boxes without a
 * label belong to no finding; they stay available in `parsed.boxes` for drawing.
 */
export function findingsFromOutput(parsed: ParsedOutput): Finding[] {
  const sentences = splitTraceSentences(parsed.think);
  const byKey = new Map<string, Finding>();
  const add = (label: string, inAnswer: boolean): Finding | undefined => {
    const key = normaliseLabel(label);
    if (key.length === 0) return undefined;
    let finding = byKey.get(key);
    if (!finding) {
      const mentions = mentionPattern(key);
      const mentioning = sentences.filter((s) => mentions.test(s.normalize('NFKC')));
      finding = { label: label.trim(), inAnswer, boxes: [], sentences: mentioning };
      byKey.set(key, finding);
    }
    return finding;
  };
  for (const label of parsed.labels) add(label, true);
  for (const box of parsed.boxes) {
    if (box.label !== null) add(box.label, false)?.boxes.push(box.bbox);
  }
  return [...byKey.values()];
}

/** Whole-word, case-insensitive match; any whitespace may separate the label's words in the trace. */
function mentionPattern(normalisedLabel: string): RegExp {
  const body = normalisedLabel
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}
