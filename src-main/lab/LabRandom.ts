import { Xoshiro128StarStar } from '../ml/random/Xoshiro128StarStar';

/**
 * The lab's random source: xoshiro128** with the draws the generators need. Each study gets its own
 * stream derived from (lab seed, study key), so a study's pixels depend only on those, never on how many
 * other studies were generated before it or in what order.
 */
export class LabRandom {
  private readonly source: Xoshiro128StarStar;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.source = new Xoshiro128StarStar(seed >>> 0);
  }

  /** A stream for one study: FNV-1a of the key mixed with the lab seed. */
  static forStudy(labSeed: number, key: string): LabRandom {
    let h = 0x811c9dc5 ^ (labSeed >>> 0);
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
    return new LabRandom(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.source.nextFloat();
  }

  /** Uniform in [a, b). */
  range(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Uniform integer in [a, b], both ends included. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('LabRandom.pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Gaussian (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    const u = 1 - this.next(); // (0, 1]: log(0) never happens
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Bounded noise in (−1.5·scale, 1.5·scale): triangular, from the two 16-bit halves of one draw (cheap
   * enough for every voxel of a volume), for values that must stay inside a stated range.
   */
  bounded(scale: number): number {
    const x = this.source.nextUint32();
    return (((x & 0xffff) + (x >>> 16) - 65535) / 65536) * 1.5 * scale;
  }
}

/** Linear interpolation: difficulty 0 gives `easy`, 1 gives `hard`. */
export function byDifficulty(difficulty: number, easy: number, hard: number): number {
  return easy + (hard - easy) * difficulty;
}
