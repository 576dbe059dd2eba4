import { Mulberry32 } from '../../random/Mulberry32.js';

/**
 * Standard-normal draws from a seeded Mulberry32 stream (Box–Muller, both outputs used). Reuses the
 * project's one PRNG so every seeded component draws from the same, documented generator.
 */
export function normalSampler(seed: number): () => number {
  const rng = new Mulberry32(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    const u = 1 - rng.next(); // (0, 1]: log(0) would be -Infinity
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * rng.next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
