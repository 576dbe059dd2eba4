// Caliper arithmetic. Times in seconds from the record start, voltages in mV.

export interface IntervalMeasurement {
  ms: number;
  /** The rate if the interval is one RR interval. */
  bpm: number;
}

export function intervalCaliper(t0S: number, t1S: number): IntervalMeasurement {
  const ms = Math.abs(t1S - t0S) * 1000;
  return { ms, bpm: ms > 0 ? 60_000 / ms : Number.POSITIVE_INFINITY };
}

/** Signed: the second point minus the first, so ST depression against the baseline reads negative. */
export function amplitudeCaliper(v0Mv: number, v1Mv: number): number {
  return v1Mv - v0Mv;
}

/** Bazett: QTc = QT / √(RR in seconds). */
export function qtcBazett(qtMs: number, rrMs: number): number {
  if (!(rrMs > 0)) throw new RangeError(`RR must be positive, got ${rrMs} ms`);
  return qtMs / Math.sqrt(rrMs / 1000);
}
