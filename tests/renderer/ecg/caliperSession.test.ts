import { describe, expect, it } from 'vitest';
import { caliperMarks } from '../../../src-renderer/src/ecg/caliperMarks';
import {
  addCaliperPoint,
  caliperMeasurement,
  caliperPrompt,
  formatMeasurement,
  startCalipers,
  type CaliperMode,
  type CaliperPoint,
  type CaliperState,
} from '../../../src-renderer/src/ecg/caliperSession';

const at = (tS: number, mv = 0): CaliperPoint => ({ xMm: tS * 25, yMm: 20 - mv * 10, tS, mv });

function clicks(mode: CaliperMode, points: CaliperPoint[]): CaliperState {
  return points.reduce(addCaliperPoint, startCalipers(mode));
}

describe('caliperSession', () => {
  it('measures an interval after two clicks and shows ms and bpm', () => {
    const half = clicks('interval', [at(1)]);
    expect(caliperMeasurement(half)).toBeNull();
    expect(caliperPrompt(half)).toBe('Click its end');
    const done = clicks('interval', [at(1), at(1.8)]);
    const m = caliperMeasurement(done);
    expect(m?.kind).toBe('interval');
    expect(m && formatMeasurement(m)).toBe('800 ms · 75 bpm');
    expect(caliperPrompt(done)).toBeNull();
  });

  it('measures a signed amplitude in mV', () => {
    const m = caliperMeasurement(clicks('amplitude', [at(0, 0.1), at(0.05, 1.35)]));
    expect(m && formatMeasurement(m)).toBe('+1.25 mV');
    const down = caliperMeasurement(clicks('amplitude', [at(0, 0), at(0.3, -0.15)]));
    expect(down && formatMeasurement(down)).toBe('−0.15 mV');
  });

  it('measures QT then RR and reports Bazett QTc', () => {
    const m = caliperMeasurement(clicks('qtc', [at(0.1), at(0.46), at(1), at(1.64)]));
    expect(m && formatMeasurement(m)).toBe('QT 360 ms · RR 640 ms · QTc (Bazett) 450 ms');
  });

  it('starts over on the click after a finished measurement, and ignores clicks when off', () => {
    const again = clicks('interval', [at(0), at(1), at(2)]);
    expect(again.points).toHaveLength(1);
    expect(clicks('off', [at(0)]).points).toHaveLength(0);
  });

  it('draws vertical ticks for time calipers and horizontal ones for amplitude', () => {
    expect(caliperMarks(clicks('interval', [at(0), at(1)]))).toBe('M0 16V24M25 16V24M0 20L25 20');
    expect(caliperMarks(clicks('amplitude', [at(0, 0)]))).toBe('M-4 20H4');
  });
});
