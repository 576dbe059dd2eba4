// One lead's samples within a time window as SVG path data in page millimetres.
import { decimateMinMax, BREAK } from './decimateMinMax';
import { secondsToMm, uvToMm, type PaperScale } from './paperScale';
import { svgNumber as n } from './svgNumber';

export interface TimeWindow {
  /** Seconds from the start of the record. */
  startS: number;
  endS: number;
}

/**
 * `xOriginMm` is where the window's start lies on the page; the baseline (0 mV) is at `baselineMm`,
 * positive voltage upwards. Samples are decimated to one min/max pair per CSS pixel column.
 */
export function tracePath(
  samples: ArrayLike<number>,
  samplingRateHz: number,
  window: TimeWindow,
  scale: PaperScale,
  baselineMm: number,
  xOriginMm = 0,
): string {
  // The epsilon keeps a sample whose time equals the window edge up to float error (2.5 s × 500 Hz).
  const first = Math.max(0, Math.ceil(window.startS * samplingRateHz - 1e-6));
  const last = Math.min(samples.length - 1, Math.floor(window.endS * samplingRateHz + 1e-6));
  if (last < first) return '';

  const samplesPerColumn = samplingRateHz / (scale.paperSpeedMmPerS * scale.cssPxPerMm);
  const indices = decimateMinMax(samples, first, last, samplesPerColumn);

  let d = '';
  let move = true;
  for (const i of indices) {
    if (i === BREAK) {
      move = true;
      continue;
    }
    const x = xOriginMm + secondsToMm(scale, i / samplingRateHz - window.startS);
    const y = baselineMm - uvToMm(scale, samples[i] as number);
    d += `${move ? 'M' : 'L'}${n(x)} ${n(y)}`;
    move = false;
  }
  return d;
}
