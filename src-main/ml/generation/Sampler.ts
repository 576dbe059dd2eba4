import { softmax } from './softmax';
import { Xoshiro128StarStar } from '../random/Xoshiro128StarStar';

/**
 * Draws token ids from softmax(logits) with its own seeded stream, so a rollout is reproducible from
 * (seed, row) alone. Tokens masked to -Infinity by TopK/TopP have probability 0 and are never drawn.
 */
export class Sampler {
  private readonly rng: Xoshiro128StarStar;

  constructor(seed: number, stream = 0) {
    this.rng = new Xoshiro128StarStar(seed, stream);
  }

  sample(logits: Float32Array): number {
    const probs = softmax(logits);
    const u = this.rng.nextFloat();
    let cumulative = 0;
    let lastPossible = -1;
    for (let i = 0; i < probs.length; i++) {
      if (probs[i]! === 0) continue;
      cumulative += probs[i]!;
      lastPossible = i;
      if (u < cumulative) return i;
    }
    // Rounding can leave the cumulative sum a hair under 1 for u close to 1: the last possible token
    // owns that sliver.
    return lastPossible;
  }
}
