// Millimetres of paper are the viewer's only drawing unit; this module converts time and voltage to mm
// and mm to CSS pixels. Keeping CSS px per mm a calibrated setting (not the CSS "96 dpi" assumption) is
// what makes 10 mm on screen measure 10 mm with a ruler, so readers can trust the grid.

export type PaperSpeed = 12.5 | 25 | 50;
export type Gain = 5 | 10 | 20;

export const PAPER_SPEEDS: readonly PaperSpeed[] = [12.5, 25, 50];
export const GAINS: readonly Gain[] = [5, 10, 20];

/** CSS defines 96 px per inch; right only on screens whose OS scaling matches, hence the calibration. */
export const DEFAULT_CSS_PX_PER_MM = 96 / 25.4;

export interface PaperScaleInput {
  paperSpeedMmPerS: number;
  gainMmPerMv: number;
  cssPxPerMm?: number;
}

export interface PaperScale {
  readonly paperSpeedMmPerS: number;
  readonly gainMmPerMv: number;
  readonly cssPxPerMm: number;
}

export function paperScale(input: PaperScaleInput): PaperScale {
  const { paperSpeedMmPerS, gainMmPerMv, cssPxPerMm = DEFAULT_CSS_PX_PER_MM } = input;
  for (const [name, value] of Object.entries({ paperSpeedMmPerS, gainMmPerMv, cssPxPerMm })) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return { paperSpeedMmPerS, gainMmPerMv, cssPxPerMm };
}

export function secondsToMm(scale: PaperScale, seconds: number): number {
  return seconds * scale.paperSpeedMmPerS;
}

export function mmToSeconds(scale: PaperScale, mm: number): number {
  return mm / scale.paperSpeedMmPerS;
}

/** Height above the baseline in mm for a voltage in µV. */
export function uvToMm(scale: PaperScale, microvolts: number): number {
  return (microvolts / 1000) * scale.gainMmPerMv;
}

export function mmToMv(scale: PaperScale, mm: number): number {
  return mm / scale.gainMmPerMv;
}

export function mmToCssPx(scale: PaperScale, mm: number): number {
  return mm * scale.cssPxPerMm;
}
