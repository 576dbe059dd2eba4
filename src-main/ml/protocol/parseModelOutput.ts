import { boxesFromJson } from './boxesFromJson';
import { extractJson } from './extractJson';
import { extractLastBoxed } from './extractLastBoxed';
import { extractThink } from './extractThink';
import { splitLabels, type LabelSplitMode } from './splitLabels';
import type { ParsedOutput } from './types';

export interface ParseOptions {
  /** How the boxed answer is cut into labels; defaults to the reference trainer's rule. */
  labelSplit?: LabelSplitMode;
}

/**
 * Reads one QoQ-Med response (notes §2): think block, objects-of-interest JSON, boxes, boxed answer and
 * its labels. Never throws: it runs on every sampled response during training and on whatever a model
 * produced in the viewer. The final catch is a safety net for the UI and trainer, not a code path; the
 * fuzz test asserts it is never reached.
 */
export function parseModelOutput(text: string, options: ParseOptions = {}): ParsedOutput {
  // Callers outside TypeScript (IPC payloads, worker messages) may hand over anything.
  const source = typeof text === 'string' ? text : '';
  try {
    const { think, afterIndex } = extractThink(source);
    const json = extractJson(source, afterIndex);
    const answerRaw = extractLastBoxed(source);
    return {
      think,
      json,
      boxes: json.parsed === undefined ? [] : boxesFromJson(json.parsed),
      answerRaw,
      labels: answerRaw === null ? [] : splitLabels(answerRaw, options.labelSplit),
    };
  } catch (err) {
    const error = `internal parser error: ${err instanceof Error ? err.message : String(err)}`;
    return {
      think: null,
      json: { raw: null, fenced: false, markedJson: false, parsed: undefined, lenient: false, error },
      boxes: [],
      answerRaw: null,
      labels: [],
    };
  }
}
