/**
 * Shapes of a parsed QoQ-Med response (reference notes §2). Plain data only: the same objects feed the
 * trainer's rewards, the UI's overlays and exports, so nothing here holds functions or class instances.
 */

/** [x1, y1, x2, y2] in pixels of the image as the vision encoder saw it (after smart_resize). */
export type BBox = [number, number, number, number];

/** One object of interest the model listed: a finite 4-number `bbox_2d` and its label, if it gave one. */
export interface PredictedBox {
  /** The item's `label` when it is a string; null when missing or not a string. */
  label: string | null;
  bbox: BBox;
}

/** Where the JSON block came from and how it parsed. */
export interface ParsedJson {
  /** Source text of the chosen block (fence contents, or the bare value's text); null when none found. */
  raw: string | null;
  /** The block was inside a ``` code fence. */
  fenced: boolean;
  /** That fence's info string was `json`. */
  markedJson: boolean;
  /** The parsed value; undefined when nothing parsed. */
  parsed: unknown | undefined;
  /** Strict JSON.parse failed (single quotes, trailing commas, junk after the value…) or there was no fence. */
  lenient: boolean;
  /** Why a found block did not parse. */
  error?: string;
}

export interface ParsedOutput {
  /** Contents of the first <think> block (trimmed); the rest of the text when it is never closed. */
  think: string | null;
  json: ParsedJson;
  /** Boxes from the accepted JSON shapes, in order; malformed items are left out (see boxesFromJson). */
  boxes: PredictedBox[];
  /** Contents of the last \boxed{…} (balanced braces, trimmed); null when absent or never closed. */
  answerRaw: string | null;
  /** answerRaw split into labels (see splitLabels); [] when answerRaw is null. */
  labels: string[];
}
