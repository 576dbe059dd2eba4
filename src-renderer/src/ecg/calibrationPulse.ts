// The 1 mV calibration pulse drawn at the start of each row: a reader checks the gain by its height
// (10 mm at 10 mm/mV) before trusting any amplitude on the page.
import { svgNumber as n } from './svgNumber';

export const PULSE_MV = 1;
export const PULSE_DURATION_S = 0.2;

export interface CalibrationPulse {
  heightMm: number;
  widthMm: number;
  durationS: number;
}

export function calibrationPulse(gainMmPerMv: number, paperSpeedMmPerS = 25): CalibrationPulse {
  return {
    heightMm: PULSE_MV * gainMmPerMv,
    widthMm: PULSE_DURATION_S * paperSpeedMmPerS,
    durationS: PULSE_DURATION_S,
  };
}

/** Baseline from x0 to x1 with the pulse's rectangle centred in it, in page mm. */
export function calibrationPulsePath(pulse: CalibrationPulse, x0: number, x1: number, baselineMm: number): string {
  const start = x0 + (x1 - x0 - pulse.widthMm) / 2;
  const top = baselineMm - pulse.heightMm;
  return `M${n(x0)} ${n(baselineMm)}H${n(start)}V${n(top)}H${n(start + pulse.widthMm)}V${n(baselineMm)}H${n(x1)}`;
}
