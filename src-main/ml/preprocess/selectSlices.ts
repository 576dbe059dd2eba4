export type SliceStrategy = 'first-last' | 'evenly-spaced';

export interface SliceSelection {
  strategy: SliceStrategy;
  /** Slices wanted by 'evenly-spaced' (ignored by 'first-last', which always gives 2). */
  count: number;
}

/**
 * Default: evenly spaced slices that include both ends. The reference pipeline feeds only the first and
 * last of its sampled frames, but the first and last slices of a CT/MR acquisition are often outside the
 * anatomy of interest (scout margins, vertex, air below the feet), so two edge slices can show nothing
 * diagnostic; spacing a few more in between keeps the reference's end slices and adds the middle. Four is
 * the most images per sample in the reference training runs (notes §5).
 */
export const DEFAULT_SLICE_SELECTION: SliceSelection = { strategy: 'evenly-spaced', count: 4 };

/**
 * Picks 0-based slice indices out of `numSlices`, ascending and without repeats.
 * - 'first-last': [0, n − 1] (just [0] for a single slice), the reference behaviour.
 * - 'evenly-spaced': index_i = round(i·(n − 1)/(count − 1)) for i = 0..count−1 (ties round up), so the
 *   ends are always included; count 1 gives the middle slice ⌊(n − 1)/2⌋; count ≥ n gives every slice.
 */
export function selectSlices(numSlices: number, selection: SliceSelection = DEFAULT_SLICE_SELECTION): number[] {
  if (!(Number.isInteger(numSlices) && numSlices > 0)) throw new RangeError(`selectSlices: bad slice count ${numSlices}`);
  if (selection.strategy === 'first-last') return numSlices === 1 ? [0] : [0, numSlices - 1];
  const { count } = selection;
  if (!(Number.isInteger(count) && count > 0)) throw new RangeError(`selectSlices: bad count ${count}`);
  if (count >= numSlices) return Array.from({ length: numSlices }, (_, i) => i);
  if (count === 1) return [Math.floor((numSlices - 1) / 2)];
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (numSlices - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b);
}
