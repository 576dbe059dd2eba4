import { describe, expect, it } from 'vitest';
import { measurementText } from '../../../src-renderer/src/viewer/measure/measurementText';
import { MEASUREMENT_TOOLS, POINTER_TOOLS, pointerTool } from '../../../src-renderer/src/viewer/measure/measurementTools';

describe('measurement text', () => {
  it('prints lengths with their unit, angles in degrees', () => {
    expect(measurementText('length', { length: 118.93, unit: 'mm' })).toBe('118.9 mm');
    expect(measurementText('length', { length: 78.06, unit: 'px' })).toBe('78.1 px');
    expect(measurementText('angle', { angle: 109.14 })).toBe('109.1°');
  });

  it('prints ellipse area, mean and SD in HU on CT and without a unit for raw values', () => {
    const ct = { area: 654.81, areaUnit: 'mm²', mean: -1000.92, stdDev: 1.19, modalityUnit: 'HU' };
    expect(measurementText('ellipse', ct)).toBe('Area 654.8 mm² · Mean -1000.9 HU · SD 1.2 HU');
    const mr = { area: 12, areaUnit: 'mm²', mean: 301.25, stdDev: 20, modalityUnit: 'raw' };
    expect(measurementText('ellipse', mr)).toBe('Area 12.0 mm² · Mean 301.3 · SD 20.0');
  });

  it('prints nothing while cornerstone has no numbers yet (or not numbers)', () => {
    expect(measurementText('length', { length: null, unit: null })).toBeUndefined();
    expect(measurementText('angle', { angle: 'Incomplete Angle' })).toBeUndefined();
    expect(measurementText('ellipse', { area: 3, mean: Number.NaN, stdDev: 1 })).toBeUndefined();
  });
});

describe('pointer tool table', () => {
  it('has one tool per key and shortcut, window/level first, and the three measurement tools', () => {
    expect(POINTER_TOOLS[0]?.key).toBe('window');
    expect(new Set(POINTER_TOOLS.map((t) => t.shortcut)).size).toBe(POINTER_TOOLS.length);
    expect(MEASUREMENT_TOOLS.map((t) => t.toolName)).toEqual(['Length', 'Angle', 'EllipticalROI']);
    expect(pointerTool('ellipse').shortcut).toBe('e');
  });
});
