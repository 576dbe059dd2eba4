import type { PositionIds } from './ropeIndex';

/**
 * Qwen's rope_deltas: max(position) + 1 − S. Images compress S positions into fewer, so after prefill
 * the next token's position is not S but S + delta; every decode step then uses cachePosition + delta on
 * all three axes (generated tokens are text).
 */
export function nextRopeDelta(positions: PositionIds): number {
  const length = positions[0].length;
  let max = -1;
  for (const row of positions) for (const p of row) if (p > max) max = p;
  return max + 1 - length;
}

/** Positions for `count` new text tokens appended at cache position `pastLength` (decode steps). */
export function decodePositionIds(pastLength: number, ropeDelta: number, count = 1): PositionIds {
  const row = Array.from({ length: count }, (_, k) => pastLength + k + ropeDelta);
  return [row, [...row], [...row]];
}
