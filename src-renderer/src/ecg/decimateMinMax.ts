// Picks which samples to draw when a screen column holds several. Keeping every sample would hand the
// browser tens of thousands of path points per lead for nothing; keeping every Nth sample (or averaging)
// would silently drop a narrow R peak or pacing spike that falls between the kept samples, so the drawn
// QRS would look smaller than it is and amplitude calipers would read low. Keeping each column's minimum
// and maximum draws the same vertical extent a full-resolution trace would cover in that column: the
// envelope is exact and no peak is lost.

/** Index list for a path; BREAK ends the current segment (a run of non-finite samples, i.e. a gap). */
export const BREAK = -1;

/**
 * Indices from `start` to `end` (inclusive) to draw, with `samplesPerColumn` samples per screen column.
 * At or below one sample per column every finite sample is kept. Above it, each column keeps its min and
 * max, in time order, so the stroke between neighbouring columns still follows the signal.
 */
export function decimateMinMax(
  samples: ArrayLike<number>,
  start: number,
  end: number,
  samplesPerColumn: number,
): number[] {
  const out: number[] = [];
  const pushBreak = (): void => {
    if (out.length > 0 && out[out.length - 1] !== BREAK) out.push(BREAK);
  };
  const perColumn = samplesPerColumn > 1 ? samplesPerColumn : 1;
  let columnStart = start;
  for (let column = 1; columnStart <= end; column++) {
    // Column boundaries from the running product, not a rounded step, so they never drift.
    const columnEnd = Math.min(end, start + Math.ceil(column * perColumn) - 1);
    let minIndex = -1;
    let maxIndex = -1;
    for (let i = columnStart; i <= columnEnd; i++) {
      const value = samples[i] as number;
      if (!Number.isFinite(value)) {
        // A gap inside a column: emit what came before it and start a new segment.
        if (minIndex >= 0) pushOrdered(out, minIndex, maxIndex);
        minIndex = maxIndex = -1;
        pushBreak();
        continue;
      }
      if (minIndex < 0 || value < (samples[minIndex] as number)) minIndex = i;
      if (maxIndex < 0 || value > (samples[maxIndex] as number)) maxIndex = i;
    }
    if (minIndex >= 0) pushOrdered(out, minIndex, maxIndex);
    columnStart = columnEnd + 1;
  }
  if (out[out.length - 1] === BREAK) out.pop();
  return out;
}

function pushOrdered(out: number[], a: number, b: number): void {
  if (a === b) out.push(a);
  else if (a < b) out.push(a, b);
  else out.push(b, a);
}
