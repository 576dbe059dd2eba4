import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CSS_PX_PER_MM,
  mmToCssPx,
  mmToMv,
  mmToSeconds,
  paperScale,
  secondsToMm,
  uvToMm,
} from '../../../src-renderer/src/ecg/paperScale';

describe('paperScale', () => {
  const standard = paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 10 });

  it('maps 1 s to 25 mm at 25 mm/s and 50 mm at 50 mm/s', () => {
    expect(secondsToMm(standard, 1)).toBe(25);
    expect(secondsToMm(paperScale({ paperSpeedMmPerS: 50, gainMmPerMv: 10 }), 1)).toBe(50);
    expect(secondsToMm(paperScale({ paperSpeedMmPerS: 12.5, gainMmPerMv: 10 }), 1)).toBe(12.5);
    expect(mmToSeconds(standard, 5)).toBe(0.2);
  });

  it('maps 1 mV to 10 mm at 10 mm/mV, and gain 20 doubles it', () => {
    expect(uvToMm(standard, 1000)).toBe(10);
    expect(uvToMm(paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 20 }), 1000)).toBe(20);
    expect(uvToMm(paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 5 }), 1000)).toBe(5);
    expect(mmToMv(standard, 15)).toBe(1.5);
  });

  it('defaults to 96 CSS px per inch and converts mm to CSS px with the calibrated value', () => {
    expect(standard.cssPxPerMm).toBeCloseTo(3.779527559, 9);
    expect(mmToCssPx(standard, 25.4)).toBeCloseTo(96, 9);
    expect(mmToCssPx(paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 10, cssPxPerMm: 4.2 }), 10)).toBeCloseTo(42, 9);
    expect(DEFAULT_CSS_PX_PER_MM).toBe(96 / 25.4);
  });

  it('refuses zero, negative and non-finite settings', () => {
    expect(() => paperScale({ paperSpeedMmPerS: 0, gainMmPerMv: 10 })).toThrow(RangeError);
    expect(() => paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: -10 })).toThrow(RangeError);
    expect(() => paperScale({ paperSpeedMmPerS: 25, gainMmPerMv: 10, cssPxPerMm: Number.NaN })).toThrow(RangeError);
  });
});
