// What the calipers draw: a tick through each clicked point (vertical for time, horizontal for voltage)
// and a line joining each pair, as one path in page mm.
import type { CaliperState } from './caliperSession';
import { svgNumber as n } from './svgNumber';

const TICK_HALF_MM = 4;

export function caliperMarks(state: CaliperState): string {
  const horizontal = state.mode === 'amplitude';
  let d = '';
  state.points.forEach((p, i) => {
    d += horizontal
      ? `M${n(p.xMm - TICK_HALF_MM)} ${n(p.yMm)}H${n(p.xMm + TICK_HALF_MM)}`
      : `M${n(p.xMm)} ${n(p.yMm - TICK_HALF_MM)}V${n(p.yMm + TICK_HALF_MM)}`;
    const previous = state.points[i - 1];
    // Points pair up (1–2, 3–4): join the second of each pair to the first.
    if (i % 2 === 1 && previous) d += `M${n(previous.xMm)} ${n(previous.yMm)}L${n(p.xMm)} ${n(p.yMm)}`;
  });
  return d;
}
