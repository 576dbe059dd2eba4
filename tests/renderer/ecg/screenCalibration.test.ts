import { describe, expect, it } from 'vitest';
import { DEFAULT_CSS_PX_PER_MM } from '../../../src-renderer/src/ecg/paperScale';
import { rulerTicks } from '../../../src-renderer/src/ecg/rulerTicks';
import {
  CALIBRATION_STORAGE_KEY,
  correctedCssPxPerMm,
  memoryStorage,
  readCssPxPerMm,
  writeCssPxPerMm,
} from '../../../src-renderer/src/ecg/screenCalibration';

describe('screenCalibration', () => {
  it('defaults to 96/25.4 CSS px per mm when nothing or garbage is stored', () => {
    const storage = memoryStorage();
    expect(readCssPxPerMm(storage)).toBe(DEFAULT_CSS_PX_PER_MM);
    storage.setItem(CALIBRATION_STORAGE_KEY, 'banana');
    expect(readCssPxPerMm(storage)).toBe(DEFAULT_CSS_PX_PER_MM);
    storage.setItem(CALIBRATION_STORAGE_KEY, '400');
    expect(readCssPxPerMm(storage)).toBe(DEFAULT_CSS_PX_PER_MM);
  });

  it('round-trips a value through the injected storage, clamped to plausible screens', () => {
    const storage = memoryStorage();
    expect(writeCssPxPerMm(storage, 4.25)).toBe(4.25);
    expect(readCssPxPerMm(storage)).toBe(4.25);
    expect(writeCssPxPerMm(storage, 1000)).toBe(12);
  });

  it('corrects the setting from what the 50 mm ruler measured', () => {
    // Drawn 50 mm came out 45 mm long: each mm needs 50/45 as many px.
    expect(correctedCssPxPerMm(3.6, 45)).toBeCloseTo(4, 12);
    expect(correctedCssPxPerMm(3.6, 50)).toBeCloseTo(3.6, 12);
    expect(correctedCssPxPerMm(3.6, 0)).toBe(3.6);
  });

  it('draws the ruler with a tick every mm, numbered every 10', () => {
    const ticks = rulerTicks(50);
    expect(ticks).toHaveLength(51);
    expect(ticks.filter((t) => t.label !== null).map((t) => t.label)).toEqual(['0', '10', '20', '30', '40', '50']);
  });
});
