/**
 * Folds a seed and any labels (domain name, history length, …) into one uint32 with FNV-1a. DRPO derives
 * each domain's K-means seed this way so the result depends only on (seed, domain, step), not on the
 * order in which domains happen to be processed, and no PRNG state has to be checkpointed.
 */
export function mixSeed(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    // A separator byte keeps ("ab", "c") and ("a", "bc") apart.
    const text = `${typeof part === 'number' ? `n${part}` : `s${part}`}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}
