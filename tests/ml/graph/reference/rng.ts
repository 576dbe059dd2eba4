/** mulberry32: tiny seeded PRNG so every test input and weight is reproducible. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` values uniform in [lo, hi), rounded to float32 when `f32` so both sides see identical inputs. */
export function uniform(rand: () => number, n: number, lo = -1, hi = 1, f32 = true): number[] {
  return Array.from({ length: n }, () => {
    const v = lo + (hi - lo) * rand();
    return f32 ? Math.fround(v) : v;
  });
}
