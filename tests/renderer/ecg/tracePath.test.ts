import { describe, expect, it } from 'vitest';
import { paperScale } from '../../../src-renderer/src/ecg/paperScale';
import { tracePath } from '../../../src-renderer/src/ecg/tracePath';
import { pathPoints } from './pathPoints';

// A scale with plenty of pixels per mm keeps every sample, so positions can be checked one by one.
const fine = (paperSpeedMmPerS: number, gainMmPerMv = 10) =>
  paperScale({ paperSpeedMmPerS, gainMmPerMv, cssPxPerMm: 100 });

const rampSecond = Array.from({ length: 501 }, () => 0);

describe('tracePath', () => {
  it('spans 25 mm for 1 s at 25 mm/s and 50 mm at 50 mm/s', () => {
    for (const speed of [25, 50]) {
      const xs = pathPoints(tracePath(rampSecond, 500, { startS: 0, endS: 1 }, fine(speed), 0)).map((p) => p.x);
      expect(Math.min(...xs)).toBe(0);
      expect(Math.max(...xs)).toBe(speed);
    }
  });

  it('places a sample at xOrigin + (t − window start) × speed', () => {
    const samples = Array.from({ length: 5000 }, () => 0);
    const points = pathPoints(tracePath(samples, 500, { startS: 2.5, endS: 5 }, fine(25), 0, 72.5));
    expect(points[0]?.x).toBe(72.5);
    expect(points.at(-1)?.x).toBe(72.5 + 62.5);
    expect(points).toHaveLength(1251);
  });

  it('draws 1 mV 10 mm above the baseline at 10 mm/mV and 20 mm at 20 mm/mV', () => {
    const samples = [0, 1000, -500];
    const at10 = pathPoints(tracePath(samples, 500, { startS: 0, endS: 1 }, fine(25, 10), 50)).map((p) => p.y);
    const at20 = pathPoints(tracePath(samples, 500, { startS: 0, endS: 1 }, fine(25, 20), 50)).map((p) => p.y);
    expect(at10).toEqual([50, 40, 55]);
    expect(at20).toEqual([50, 30, 60]);
  });

  it('keeps a one-sample QRS spike when decimating at the default screen scale', () => {
    // 500 Hz at 25 mm/s and 96/25.4 px/mm is ~5.3 samples per CSS px column.
    const samples = new Float32Array(5000);
    samples[1234] = 2000;
    samples[3000] = -700;
    const scale = paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 10 });
    const points = pathPoints(tracePath(samples, 500, { startS: 0, endS: 10 }, scale, 100));
    expect(points.length).toBeLessThan(5000 / 2);
    const ys = points.map((p) => p.y);
    expect(Math.min(...ys)).toBe(80);
    expect(Math.max(...ys)).toBe(107);
    const peak = points.find((p) => p.y === 80);
    expect(peak?.x).toBeCloseTo((1234 / 500) * 25, 3);
  });

  it('starts a new segment after a gap and returns nothing outside the record', () => {
    const d = tracePath([0, 100, Number.NaN, 100, 0], 1, { startS: 0, endS: 4 }, fine(25), 0);
    expect(pathPoints(d).map((p) => p.move)).toEqual([true, false, true, false]);
    expect(tracePath([0, 1], 500, { startS: 5, endS: 7.5 }, fine(25), 0)).toBe('');
  });
});
