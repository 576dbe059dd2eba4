import { describe, expect, it } from 'vitest';
import { calibrationPulse, calibrationPulsePath } from '../../../src-renderer/src/ecg/calibrationPulse';
import { pathPoints } from './pathPoints';

describe('calibrationPulse', () => {
  it('is 10 mm tall and 5 mm (0.2 s) wide at 25 mm/s and 10 mm/mV', () => {
    expect(calibrationPulse(10, 25)).toEqual({ heightMm: 10, widthMm: 5, durationS: 0.2 });
  });

  it('follows gain and speed', () => {
    expect(calibrationPulse(20, 25).heightMm).toBe(20);
    expect(calibrationPulse(5, 25).heightMm).toBe(5);
    expect(calibrationPulse(10, 50).widthMm).toBe(10);
    expect(calibrationPulse(10, 12.5).widthMm).toBe(2.5);
  });

  it('draws a 10 × 5 mm step centred between x0 and x1 on the baseline', () => {
    const points = pathPoints(calibrationPulsePath(calibrationPulse(10, 25), 0, 10, 25));
    expect(points.map(({ x, y }) => [x, y])).toEqual([
      [0, 25],
      [2.5, 25],
      [2.5, 15],
      [7.5, 15],
      [7.5, 25],
      [10, 25],
    ]);
  });
});
