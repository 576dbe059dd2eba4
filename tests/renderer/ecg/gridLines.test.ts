import { describe, expect, it } from 'vitest';
import { gridLines, gridPath } from '../../../src-renderer/src/ecg/gridLines';

// Convention under test: a line at every whole mm from 0 to the size inclusive (both edges drawn), those
// at multiples of 5 mm major and the rest minor, each line in exactly one list.
describe('gridLines', () => {
  const grid = gridLines(250, 100);

  it('draws 251 vertical lines on a 250 mm wide page: 51 major, 200 minor', () => {
    expect(grid.verticalMajor).toHaveLength(51);
    expect(grid.verticalMinor).toHaveLength(200);
    expect(grid.verticalMajor[0]).toBe(0);
    expect(grid.verticalMajor.at(-1)).toBe(250);
    expect(grid.verticalMinor.slice(0, 5)).toEqual([1, 2, 3, 4, 6]);
  });

  it('draws 101 horizontal lines on a 100 mm high page: 21 major, 80 minor', () => {
    expect(grid.horizontalMajor).toHaveLength(21);
    expect(grid.horizontalMinor).toHaveLength(80);
    expect(grid.horizontalMajor.every((y) => y % 5 === 0)).toBe(true);
    expect(grid.horizontalMinor.some((y) => y % 5 === 0)).toBe(false);
  });

  it('puts all lines of a kind in one path', () => {
    expect(gridPath([0, 5], [0], 10, 20)).toBe('M0 0V20M5 0V20M0 0H10');
  });
});
