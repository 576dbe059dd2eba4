import { describe, expect, it } from 'vitest';
import { mrTransferFunction, strideSample } from '../../../src-renderer/src/viewer/mrTransferFunction';

/** Linear interpolation of a piecewise function given as [x, y] points (vtk's piecewise function rule). */
function valueAt(points: [number, number][], x: number): number {
  if (x <= points[0]![0]) return points[0]![1];
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1]!;
    const [x1, y1] = points[k]!;
    if (x <= x1) return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return points.at(-1)![1];
}

describe('mrTransferFunction', () => {
  // A head MR in numbers: 60 % air (noise 10–30, every integer) and 40 % tissue 1,600–2,400 — the range at which
  // cornerstone's fixed MR-Default (opaque from 40 up) shows nothing but a block.
  const air = Array.from({ length: 6000 }, (_, k) => 20 + ((k * 5) % 21) - 10);
  const tissue = Array.from({ length: 4000 }, (_, k) => 2000 + ((k * 7) % 801) - 400);
  const tf = mrTransferFunction([...air, ...tissue]);

  it('keeps the background fully transparent and makes tissue visible', () => {
    // The air mode (10–30) is below the threshold; tissue (1,600–2,400) lies on the ramp.
    for (const v of [10, 20, 30]) expect(valueAt(tf.opacity, v)).toBe(0);
    expect(valueAt(tf.opacity, 1600)).toBeGreaterThan(0);
    expect(valueAt(tf.opacity, 2400)).toBeGreaterThan(valueAt(tf.opacity, 1600));
    // The threshold separates the two modes: strictly between the brightest air and the darkest tissue.
    const background = tf.opacity[1]![0];
    expect(background).toBeGreaterThan(30);
    expect(background).toBeLessThan(1600);
  });

  it('is ascending in value, as vtk requires, with opacities in [0, 1]', () => {
    for (const points of [tf.opacity.map((p) => p[0]), tf.colors.map((p) => p[0])]) {
      for (let k = 1; k < points.length; k++) expect(points[k]!).toBeGreaterThanOrEqual(points[k - 1]!);
    }
    for (const [, a] of tf.opacity) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a sample without finite values, and leaves a constant volume transparent', () => {
    expect(() => mrTransferFunction([NaN, Infinity])).toThrow(/no finite values/);
    expect(mrTransferFunction([5, 5, 5]).opacity).toEqual([[5, 0]]);
  });
});

describe('strideSample', () => {
  it('reads every k-th voxel so that at most ~limit values are read', () => {
    expect(Array.from(strideSample(10, (i) => i * 2, 5))).toEqual([0, 4, 8, 12, 16]);
    expect(strideSample(1_000_000, () => 1).length).toBe(200_000);
  });
});
