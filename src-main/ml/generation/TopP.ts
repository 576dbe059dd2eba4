import type { LogitsProcessor } from './LogitsProcessor';
import { softmax } from './softmax';

/**
 * Nucleus filtering: keep the most probable tokens until their probability mass reaches p, including the
 * token that crosses p, and set the rest to -Infinity. Equivalent to Hugging Face's rule (drop a token when
 * the mass of all tokens ranked above it is already >= p); the top token is always kept.
 */
export class TopP implements LogitsProcessor {
  constructor(readonly p: number) {
    if (!(p > 0 && p <= 1)) throw new Error(`TopP: p must be in (0, 1], got ${p}`);
  }

  process(logits: Float32Array): Float32Array {
    if (this.p >= 1) return logits;
    const probs = softmax(logits);
    const order = headCandidates(probs, this.p);
    order.sort((a, b) => probs[b]! - probs[a]! || a - b);
    const keep = new Uint8Array(probs.length);
    let massAbove = 0;
    for (let r = 0; r < order.length && massAbove < this.p; r++) {
      keep[order[r]!] = 1;
      massAbove += probs[order[r]!]!;
    }
    for (let i = 0; i < logits.length; i++) if (keep[i] === 0) logits[i] = -Infinity;
    return logits;
  }
}

/**
 * Indices of all tokens with probability >= θ, for the largest θ (max/16, max/256, …) whose tokens hold
 * at least mass p. Every other token ranks below all of them, so the nucleus lies inside this set and only
 * it needs sorting — a few dozen ids instead of a 151k-entry vocabulary row.
 */
function headCandidates(probs: Float64Array, p: number): number[] {
  let max = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i]! > max) max = probs[i]!;
  for (let threshold = max / 16; ; threshold /= 16) {
    const ids: number[] = [];
    let mass = 0;
    for (let i = 0; i < probs.length; i++) {
      if (probs[i]! >= threshold && probs[i]! > 0) {
        ids.push(i);
        mass += probs[i]!;
      }
    }
    // Rounding may leave the total a hair under p; once θ reaches the smallest probability, all tokens
    // are in and there is nothing more to add.
    if (mass >= p || ids.length === probs.length || threshold < Number.MIN_VALUE) return ids;
  }
}
