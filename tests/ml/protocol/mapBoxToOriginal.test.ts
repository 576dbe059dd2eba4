import { describe, expect, it } from 'vitest';
import { mapBoxToOriginal, mapBoxToResized } from '../../../src-main/ml/protocol/mapBoxToOriginal';
import type { BBox } from '../../../src-main/ml/protocol/types';

// A 1000×750 photo that smart_resize brought to 448×336 (both multiples of 28).
const PHOTO = { resizedWidth: 448, resizedHeight: 336, originalWidth: 1000, originalHeight: 750 };
// A CT slice whose axes scale differently: 512×512 → 504×476.
const CT = { resizedWidth: 504, resizedHeight: 476, originalWidth: 512, originalHeight: 512 };

describe('mapBoxToOriginal', () => {
  it('scales by original/resized per axis', () => {
    // x: 100·1000/448 = 223.2142857…, 200·1000/448 = 446.4285714…; y: 50·750/336 = 111.6071428…, 150·750/336 = 334.8214285…
    const [x1, y1, x2, y2] = mapBoxToOriginal([100, 50, 200, 150], PHOTO);
    expect(x1).toBeCloseTo(223.2142857, 6);
    expect(y1).toBeCloseTo(111.6071429, 6);
    expect(x2).toBeCloseTo(446.4285714, 6);
    expect(y2).toBeCloseTo(334.8214286, 6);
  });

  it('uses each axis factor separately', () => {
    // x: 252·512/504 = 256; y: 238·512/476 = 256; 504 → 512, 476 → 512.
    expect(mapBoxToOriginal([252, 238, 504, 476], CT)).toEqual([256, 256, 512, 512]);
  });

  it('clamps to the original bounds and orders swapped corners', () => {
    // x2: 460·1000/448 = 1026.8 → 1000; y2: 350·750/336 = 781.25 → 750; x1: −10 → 0; y1: 0.
    expect(mapBoxToOriginal([460, 350, -10, 0], PHOTO)).toEqual([0, 0, 1000, 750]);
  });

  it('round trips original → resized → original for boxes inside the image', () => {
    const boxes: BBox[] = [
      [0, 0, 1000, 750],
      [123.4, 56.7, 789, 701.2],
      [500, 375, 500, 375],
    ];
    for (const box of boxes) {
      const back = mapBoxToOriginal(mapBoxToResized(box, PHOTO), PHOTO);
      back.forEach((v, i) => expect(v).toBeCloseTo(box[i]!, 9));
    }
    // And the other way for the anisotropic CT grid: resized → original → resized.
    const ctBox: BBox = [17, 300, 503, 401];
    mapBoxToResized(mapBoxToOriginal(ctBox, CT), CT).forEach((v, i) => expect(v).toBeCloseTo(ctBox[i]!, 9));
  });

  it('rejects grids that are not positive finite sizes', () => {
    expect(() => mapBoxToOriginal([0, 0, 1, 1], { ...PHOTO, resizedWidth: 0 })).toThrow(RangeError);
    expect(() => mapBoxToOriginal([0, 0, 1, 1], { ...PHOTO, originalHeight: Number.NaN })).toThrow(RangeError);
  });
});
