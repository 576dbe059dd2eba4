import { describe, expect, it } from 'vitest';
import { amplitudeCaliper, intervalCaliper, qtcBazett } from '../../../src-renderer/src/ecg/calipers';

describe('calipers', () => {
  it('measures 0 → 0.8 s as 800 ms and 75 bpm, in either click order', () => {
    const forward = intervalCaliper(0, 0.8);
    expect(forward.ms).toBeCloseTo(800, 9);
    expect(forward.bpm).toBeCloseTo(75, 9);
    expect(intervalCaliper(0.8, 0).ms).toBeCloseTo(800, 9);
  });

  it('gives an infinite rate for a zero interval instead of dividing by zero silently', () => {
    expect(intervalCaliper(1, 1)).toEqual({ ms: 0, bpm: Number.POSITIVE_INFINITY });
  });

  it('measures amplitude as second minus first point, in mV', () => {
    expect(amplitudeCaliper(0, 1.5)).toBe(1.5);
    expect(amplitudeCaliper(0.2, -0.1)).toBeCloseTo(-0.3, 12);
  });

  it('computes Bazett QTc', () => {
    expect(qtcBazett(400, 1000)).toBe(400);
    expect(qtcBazett(360, 640)).toBeCloseTo(450, 9);
    expect(() => qtcBazett(400, 0)).toThrow(RangeError);
  });
});
