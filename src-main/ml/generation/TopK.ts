import type { LogitsProcessor } from './LogitsProcessor';
import { kthLargest } from './kthLargest';

/**
 * Keeps the k highest logits and sets the rest to -Infinity. As in Hugging Face, tokens tied with the k-th
 * value are all kept (the cut is "logit < k-th largest"), so more than k may survive a tie.
 */
export class TopK implements LogitsProcessor {
  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`TopK: k must be an integer >= 1, got ${k}`);
  }

  process(logits: Float32Array): Float32Array {
    if (this.k >= logits.length) return logits;
    const threshold = kthLargest(logits, this.k);
    for (let i = 0; i < logits.length; i++) if (logits[i]! < threshold) logits[i] = -Infinity;
    return logits;
  }
}
