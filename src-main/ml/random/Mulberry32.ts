/**
 * Mulberry32: a 32-bit-state PRNG. Chosen because its whole state is one uint32, so a sweep's random
 * stream is reproducible from a seed alone and nothing bulky has to go into a checkpoint. Statistical
 * quality is ample for picking k-means++ seeds; it is not for cryptography.
 */
export class Mulberry32 {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Current state; `new Mulberry32(rng.state)` continues the same stream. */
  get state(): number {
    return this.s;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
