import type { LogitsProcessor } from './LogitsProcessor';

/**
 * CTRL-style repetition penalty with Hugging Face semantics: every token already in the sequence, counted
 * once however often it occurred, has its logit moved towards "less likely" — negative logits are
 * multiplied by p, the others divided by p. Dividing a negative logit would raise it, hence the two cases.
 * QoQ-Med's released generation config uses p = 1.05.
 */
export class RepetitionPenalty implements LogitsProcessor {
  constructor(readonly penalty: number) {
    if (!(penalty > 0) || !Number.isFinite(penalty)) throw new Error(`RepetitionPenalty: penalty must be > 0, got ${penalty}`);
  }

  process(logits: Float32Array, seen: ReadonlySet<number>): Float32Array {
    for (const id of seen) {
      if (id < 0 || id >= logits.length) continue;
      const x = logits[id]!;
      logits[id] = x < 0 ? x * this.penalty : x / this.penalty;
    }
    return logits;
  }
}
