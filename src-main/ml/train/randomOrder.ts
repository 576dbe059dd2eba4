import type { Mulberry32 } from '../advantages/index.js';

/** Fisher–Yates permutation of 0..n−1 drawn from `rng`. */
export function shuffledIndices(n: number, rng: Mulberry32): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** `k` distinct indices of 0..n−1 in random order; all of them, in order, when k ≥ n (no draw spent). */
export function pickIndices(n: number, k: number, rng: Mulberry32): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  return shuffledIndices(n, rng).slice(0, k);
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
