// ECG paper: a line every 1 mm (40 ms / 0.1 mV at standard settings), every fifth one major (200 ms / 0.5 mV).
//
// Convention: lines lie at every whole mm from 0 up to and including the page size, so both edges carry a
// line and a 250 × 100 mm page has 251 vertical and 101 horizontal lines; those at multiples of 5 mm are
// major (51 vertical, 21 horizontal), the rest minor (200 and 80). Each line is in exactly one list.

export interface GridLines {
  /** x of vertical lines, mm. */
  verticalMinor: number[];
  verticalMajor: number[];
  /** y of horizontal lines, mm. */
  horizontalMinor: number[];
  horizontalMajor: number[];
}

export const MAJOR_EVERY_MM = 5;

function split(sizeMm: number): { minor: number[]; major: number[] } {
  const minor: number[] = [];
  const major: number[] = [];
  for (let mm = 0; mm <= Math.floor(sizeMm); mm++) (mm % MAJOR_EVERY_MM === 0 ? major : minor).push(mm);
  return { minor, major };
}

export function gridLines(widthMm: number, heightMm: number): GridLines {
  const vertical = split(widthMm);
  const horizontal = split(heightMm);
  return {
    verticalMinor: vertical.minor,
    verticalMajor: vertical.major,
    horizontalMinor: horizontal.minor,
    horizontalMajor: horizontal.major,
  };
}

/** One SVG path for a set of lines: a single DOM node instead of hundreds keeps redraws cheap. */
export function gridPath(xs: number[], ys: number[], widthMm: number, heightMm: number): string {
  const vertical = xs.map((x) => `M${x} 0V${heightMm}`);
  const horizontal = ys.map((y) => `M0 ${y}H${widthMm}`);
  return [...vertical, ...horizontal].join('');
}
