import { describe, expect, it } from 'vitest';
import type { GroundTruthMask } from '../../../src-main/ml/rewards/foregroundCounter';
import { iouScore } from '../../../src-main/ml/rewards/iouScore';

/** A width×height mask with the inclusive rectangle [x1..x2]×[y1..y2] set, drawn pixel by pixel here. */
function rectMask(width: number, height: number, x1: number, y1: number, x2: number, y2: number): GroundTruthMask {
  const data = new Uint8Array(width * height);
  for (let y = y1; y <= y2; y++) for (let x = x1; x <= x2; x++) data[y * width + x] = 255;
  return { width, height, data };
}

// GT mask: columns 2..5, rows 2..5 of a 10×10 image = 4·4 = 16 pixels.
const MASK = rectMask(10, 10, 2, 2, 5, 5);

describe('iouScore against a segmentation mask', () => {
  it('a box covering exactly the mask: 1', () => {
    // box pixels 2..5 × 2..5 = 16, intersection 16, union 16
    expect(iouScore([[2, 2, 5, 5]], { mask: MASK })).toBe(1);
  });

  it('inclusive bounds: [2,2,5,5] is 16 pixels, so [2,2,4,4] (9 pixels) is 9/16', () => {
    // box 3·3 = 9 inside the mask: intersection 9, union 16 → 0.5625
    expect(iouScore([[2, 2, 4, 4]], { mask: MASK })).toBeCloseTo(9 / 16, 12);
  });

  it('a shifted box', () => {
    // box 4..7 × 4..7 = 16 px; overlap 4..5 × 4..5 = 4; union 16 + 16 − 4 = 28 → 1/7
    expect(iouScore([[4, 4, 7, 7]], { mask: MASK })).toBeCloseTo(1 / 7, 12);
  });

  it('extra wrong boxes lower the mean', () => {
    // (1 + 1/7 + 0) / 3 = (8/7)/3 = 8/21; the third box misses the mask entirely
    expect(iouScore([[2, 2, 5, 5], [4, 4, 7, 7], [7, 7, 9, 9]], { mask: MASK })).toBeCloseTo(8 / 21, 12);
  });

  it('a box partly outside the image is clamped before counting', () => {
    // GT: column band 8..9 × 0..9 = 20 px. Box [8,8,15,15] → 8..9 × 8..9 = 4 px, all in the mask: 4/20 = 0.2
    const band = rectMask(10, 10, 8, 0, 9, 9);
    expect(iouScore([[8, 8, 15, 15]], { mask: band })).toBeCloseTo(0.2, 12);
    // Box [-5,-5,3,3] → 0..3 × 0..3 = 16 px; overlap with MASK 2..3 × 2..3 = 4; union 16+16−4 = 28 → 1/7
    expect(iouScore([[-5, -5, 3, 3]], { mask: MASK })).toBeCloseTo(1 / 7, 12);
  });

  it('a box wholly outside the image covers nothing (not the border row) and still counts in the mean', () => {
    // GT band on the right edge; [12,0,20,9] is beyond column 9 → IoU 0; mean with a perfect box: (1+0)/2
    const band = rectMask(10, 10, 8, 0, 9, 9);
    expect(iouScore([[12, 0, 20, 9]], { mask: band })).toBe(0);
    expect(iouScore([[8, 0, 9, 9], [12, 0, 20, 9]], { mask: band })).toBeCloseTo(0.5, 12);
  });

  it('swapped corners and fractional coordinates (floor: the pixel containing the point)', () => {
    // [5.9,5.1,2.7,2.2] → x 2..5, y 2..5 → same 16 pixels as the mask → 1
    expect(iouScore([[5.9, 5.1, 2.7, 2.2]], { mask: MASK })).toBe(1);
  });

  it('a degenerate one-pixel box covers its pixel', () => {
    // [3,3,3,3] = 1 px inside the 16-px mask: 1/16
    expect(iouScore([[3, 3, 3, 3]], { mask: MASK })).toBeCloseTo(1 / 16, 12);
  });

  it('any non-zero mask value is foreground', () => {
    const mask = { width: 2, height: 1, data: Uint8Array.from([1, 0]) };
    // box [0,0,1,0] = 2 px; intersection 1; union 2 → 0.5
    expect(iouScore([[0, 0, 1, 0]], { mask })).toBe(0.5);
  });

  it('a mask that does not match its size is a data error', () => {
    expect(() => iouScore([[0, 0, 1, 1]], { mask: { width: 3, height: 3, data: new Uint8Array(8) } })).toThrow(RangeError);
  });
});

describe('iouScore against a ground-truth box', () => {
  it('counts whole pixels like the mask path', () => {
    // GT [0,0,9,9] = 100 px; pred [5,5,14,14] = 100 px; overlap 5..9 × 5..9 = 25; union 175 → 1/7
    expect(iouScore([[5, 5, 14, 14]], { box: [0, 0, 9, 9] })).toBeCloseTo(1 / 7, 12);
  });

  it('gives the same value as the mask rasterised from the GT box', () => {
    const mask = rectMask(20, 20, 0, 0, 9, 9);
    expect(iouScore([[5, 5, 14, 14]], { mask })).toBeCloseTo(1 / 7, 12);
  });

  it('falls back to the box when the mask is empty, and clamps to that mask\'s image size', () => {
    // Empty 10×10 mask: pred [5,5,14,14] → 5..9 × 5..9 = 25 px; GT 100 px; overlap 25; union 100 → 0.25
    const empty = { width: 10, height: 10, data: new Uint8Array(100) };
    expect(iouScore([[5, 5, 14, 14]], { mask: empty, box: [0, 0, 9, 9] })).toBeCloseTo(0.25, 12);
  });

  it('a one-pixel box matches a one-pixel GT box', () => {
    expect(iouScore([[3, 3, 3, 3]], { box: [3, 3, 3, 3] })).toBe(1);
  });

  it('disjoint boxes: 0; touching edges share a pixel row', () => {
    expect(iouScore([[10, 10, 12, 12]], { box: [0, 0, 9, 9] })).toBe(0);
    // [9,0,10,9] = 2·10 = 20 px; overlap column 9 × rows 0..9 = 10; union 100 + 20 − 10 = 110 → 1/11
    expect(iouScore([[9, 0, 10, 9]], { box: [0, 0, 9, 9] })).toBeCloseTo(1 / 11, 12);
  });

  it('non-finite coordinates score 0 but still count in the mean', () => {
    // (1 + 0) / 2
    expect(iouScore([[0, 0, 9, 9], [Number.NaN, 0, 9, 9]], { box: [0, 0, 9, 9] })).toBeCloseTo(0.5, 12);
  });
});

describe('iouScore edge cases', () => {
  it('no predicted boxes: 0', () => {
    expect(iouScore([], { mask: MASK })).toBe(0);
  });

  it('no usable ground truth (no mask, empty mask without box): 0', () => {
    expect(iouScore([[0, 0, 1, 1]], {})).toBe(0);
    expect(iouScore([[0, 0, 1, 1]], { mask: { width: 4, height: 4, data: new Uint8Array(16) } })).toBe(0);
  });
});
