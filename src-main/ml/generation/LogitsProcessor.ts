/**
 * One stage of logit shaping (after transformers.js `LogitsProcessor`). Processors modify the row IN
 * PLACE and return it: a Qwen vocabulary row is 151k floats per sample per step, and copying it through a
 * chain of four processors would dominate the step's CPU time.
 */
export interface LogitsProcessor {
  /**
   * @param logits one row of last-position logits, (V), modified in place
   * @param seen ids already in this row's sequence (prompt + generated so far)
   */
  process(logits: Float32Array, seen: ReadonlySet<number>): Float32Array;
}

/** Runs processors in order on one row. */
export function applyLogitsProcessors(
  processors: readonly LogitsProcessor[],
  logits: Float32Array,
  seen: ReadonlySet<number>,
): Float32Array {
  for (const processor of processors) processor.process(logits, seen);
  return logits;
}
