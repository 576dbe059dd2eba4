// The caliper tool as a small state machine: a mode and the points clicked so far. The component keeps
// the state; this module says what a click does and what the reading is.
import { amplitudeCaliper, intervalCaliper, qtcBazett } from './calipers';

export type CaliperMode = 'off' | 'interval' | 'amplitude' | 'qtc';

export const CALIPER_MODES: readonly { mode: CaliperMode; label: string }[] = [
  { mode: 'off', label: 'Off' },
  { mode: 'interval', label: 'Interval' },
  { mode: 'amplitude', label: 'Amplitude' },
  { mode: 'qtc', label: 'QTc' },
];

/** A clicked point: page position for drawing, record time and voltage for measuring. */
export interface CaliperPoint {
  xMm: number;
  yMm: number;
  tS: number;
  mv: number;
}

export interface CaliperState {
  mode: CaliperMode;
  points: CaliperPoint[];
}

export type CaliperMeasurement =
  | { kind: 'interval'; ms: number; bpm: number }
  | { kind: 'amplitude'; mv: number }
  | { kind: 'qtc'; qtMs: number; rrMs: number; qtcMs: number };

// QTc takes QT (start of Q, end of T) and then one RR interval (R to the next R).
const PROMPTS: Record<CaliperMode, readonly string[]> = {
  off: [],
  interval: ['Click the start of the interval', 'Click its end'],
  amplitude: ['Click the reference level', 'Click the peak'],
  qtc: ['Click the start of QRS', 'Click the end of T', 'Click an R peak', 'Click the next R peak'],
};

export function pointsNeeded(mode: CaliperMode): number {
  return PROMPTS[mode].length;
}

export function startCalipers(mode: CaliperMode): CaliperState {
  return { mode, points: [] };
}

/** Adds a click; a click after a finished measurement starts a new one. */
export function addCaliperPoint(state: CaliperState, point: CaliperPoint): CaliperState {
  const needed = pointsNeeded(state.mode);
  if (needed === 0) return state;
  const points = state.points.length >= needed ? [point] : [...state.points, point];
  return { mode: state.mode, points };
}

/** What to ask the user for next, or null once the measurement is complete (or calipers are off). */
export function caliperPrompt(state: CaliperState): string | null {
  return PROMPTS[state.mode][state.points.length] ?? null;
}

export function caliperMeasurement(state: CaliperState): CaliperMeasurement | null {
  if (state.mode === 'off' || state.points.length < pointsNeeded(state.mode)) return null;
  const [a, b, c, d] = state.points as [CaliperPoint, CaliperPoint, CaliperPoint?, CaliperPoint?];
  switch (state.mode) {
    case 'interval':
      return { kind: 'interval', ...intervalCaliper(a.tS, b.tS) };
    case 'amplitude':
      return { kind: 'amplitude', mv: amplitudeCaliper(a.mv, b.mv) };
    case 'qtc': {
      if (!c || !d) return null;
      const qtMs = intervalCaliper(a.tS, b.tS).ms;
      const rrMs = intervalCaliper(c.tS, d.tS).ms;
      return { kind: 'qtc', qtMs, rrMs, qtcMs: rrMs > 0 ? qtcBazett(qtMs, rrMs) : Number.NaN };
    }
  }
}

export function formatMeasurement(m: CaliperMeasurement): string {
  switch (m.kind) {
    case 'interval':
      return `${Math.round(m.ms)} ms · ${Number.isFinite(m.bpm) ? Math.round(m.bpm) : '—'} bpm`;
    case 'amplitude':
      return `${m.mv >= 0 ? '+' : '−'}${Math.abs(m.mv).toFixed(2)} mV`;
    case 'qtc':
      return `QT ${Math.round(m.qtMs)} ms · RR ${Math.round(m.rrMs)} ms · QTc (Bazett) ${Number.isFinite(m.qtcMs) ? Math.round(m.qtcMs) : '—'} ms`;
  }
}
