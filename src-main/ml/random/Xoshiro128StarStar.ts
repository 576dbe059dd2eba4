import { splitMix32 } from './splitMix32';

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * xoshiro128** (Blackman & Vigna): 128-bit state, period 2^128 − 1, good statistical quality and only
 * 32-bit integer ops, so it is exact in JavaScript. Each batch row of a generation gets its own stream,
 * derived from (seed, stream), so results depend only on the seed and the row, never on row order or on
 * how many draws other rows made.
 */
export class Xoshiro128StarStar {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(seed) || !Number.isInteger(stream) || stream < 0) {
      throw new Error(`Xoshiro128StarStar: seed and stream must be integers (stream >= 0), got ${seed}, ${stream}`);
    }
    // Mix the stream index in before expansion so (seed, 1) is not a shifted copy of (seed, 0).
    let state = (seed ^ Math.imul(stream + 1, 0x632be5ab)) >>> 0;
    [this.s0, state] = splitMix32(state);
    [this.s1, state] = splitMix32(state);
    [this.s2, state] = splitMix32(state);
    [this.s3] = splitMix32(state);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator starting from an explicit state (not all zero), e.g. to check against reference values. */
  static fromState(words: readonly [number, number, number, number]): Xoshiro128StarStar {
    const rng = new Xoshiro128StarStar(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = words.map((w) => w >>> 0) as [number, number, number, number];
    if ((rng.s0 | rng.s1 | rng.s2 | rng.s3) === 0) throw new Error('Xoshiro128StarStar: the all-zero state is invalid');
    return rng;
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }
}
