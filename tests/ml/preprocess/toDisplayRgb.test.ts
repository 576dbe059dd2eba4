import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src-main/parsing/dicom/pixels/decodeFrame';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { minMaxWindow } from '../../../src-main/ml/preprocess/minMaxWindow';
import { toDisplayRgb, type StoredFrame } from '../../../src-main/ml/preprocess/toDisplayRgb';
import { WINDOW_PRESETS } from '../../../src-main/ml/preprocess/windowPresets';
import { voiLinear } from '../../../src-main/ml/preprocess/voiLinear';
import { sharedData } from '../../helpers/sharedData';

/** A one-row grey frame of the given stored values. */
const row = (values: number[]): StoredFrame => ({ rows: 1, columns: values.length, samplesPerPixel: 1, pixels: values });
/** The red channel of each pixel (grey output has R = G = B). */
const reds = (data: Uint8Array): number[] => Array.from(data.filter((_, i) => i % 3 === 0));

describe('voiLinear (PS3.3 C.11.2.1.2.1)', () => {
  it('brain window C40/W80, worked by hand: c − 0.5 = 39.5, w − 1 = 79, edges at 0 and 79', () => {
    expect(voiLinear(0, 40, 80)).toBe(0); // x ≤ 39.5 − 39.5
    expect(voiLinear(1, 40, 80)).toBeCloseTo(((1 - 39.5) / 79 + 0.5) * 255, 12); // 3.2278
    expect(voiLinear(40, 40, 80)).toBeCloseTo(129.1139, 4); // (0.5/79 + 0.5)·255
    expect(voiLinear(79, 40, 80)).toBe(255); // exactly the top of the ramp: (39.5/79 + 0.5)·255
    expect(voiLinear(79.0001, 40, 80)).toBe(255); // x > 79
  });

  it('width 1 is a hard threshold at c − 0.5 with no division by zero; width < 1 is refused', () => {
    expect(voiLinear(9.5, 10, 1)).toBe(0);
    expect(voiLinear(9.6, 10, 1)).toBe(255);
    expect(() => voiLinear(0, 10, 0.5)).toThrow(RangeError);
  });
});

describe('minMaxWindow', () => {
  it('maps min to 0 and max to 255 (w = max − min + 1, c = mid + 0.5)', () => {
    expect(minMaxWindow([300, 100, 400, 200])).toEqual({ center: 250.5, width: 301 });
  });
});

describe('toDisplayRgb', () => {
  it('CT: slope/intercept then the brain preset; stored 24..1104 → HU −1000..80', () => {
    const out = toDisplayRgb(row([24, 1024, 1025, 1064, 1103, 1104]), {
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      window: WINDOW_PRESETS['ct-brain'],
      photometric: 'MONOCHROME2',
    });
    // HU −1000, 0 → 0; 1 → 3.23 → 3; 40 → 129.11 → 129; 79, 80 → 255.
    expect(reds(out.data)).toEqual([0, 0, 3, 129, 255, 255]);
    expect(out.window).toEqual({ center: 40, width: 80, source: 'preset' });
    // Grey is copied to all three channels.
    expect(Array.from(out.data.slice(9, 12))).toEqual([129, 129, 129]);
  });

  it('refuses a chosen window narrower than 1', () => {
    const base = { rescaleSlope: 1, rescaleIntercept: 0, photometric: 'MONOCHROME2' as const };
    expect(() => toDisplayRgb(row([0]), { ...base, window: { center: 40, width: 0 } })).toThrow(/bad window/);
  });

  it('applies the slope: stored 532 × 2 − 1024 = HU 40 → 129', () => {
    const out = toDisplayRgb(row([532]), { rescaleSlope: 2, rescaleIntercept: -1024, window: WINDOW_PRESETS['ct-brain'], photometric: 'MONOCHROME2' });
    expect(reds(out.data)).toEqual([129]);
  });

  it('MONOCHROME1 is inverted after windowing', () => {
    const out = toDisplayRgb(row([24, 1024, 1025, 1064, 1103, 1104]), {
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      window: WINDOW_PRESETS['ct-brain'],
      photometric: 'MONOCHROME1',
    });
    expect(reds(out.data)).toEqual([255, 255, 252, 126, 0, 0]);
  });

  it("uses the file's window when no preset is given: C100/W201 (edges −0.5 and 199.5)", () => {
    const out = toDisplayRgb(row([-1, 0, 100, 199, 200]), {
      rescaleSlope: 1,
      rescaleIntercept: 0,
      windowCenter: 100,
      windowWidth: 201,
      photometric: 'MONOCHROME2',
    });
    // 0 → (−99.5/200 + 0.5)·255 = 0.6375 → 1; 100 → 128.14 → 128; 199 → 254.36 → 254.
    expect(reds(out.data)).toEqual([0, 1, 128, 254, 255]);
    expect(out.window?.source).toBe('file');
  });

  it('a preset wins over the file window', () => {
    const out = toDisplayRgb(row([40]), {
      rescaleSlope: 1,
      rescaleIntercept: 0,
      windowCenter: 1000,
      windowWidth: 10,
      window: WINDOW_PRESETS['ct-brain'],
      photometric: 'MONOCHROME2',
    });
    expect(reds(out.data)).toEqual([129]);
  });

  it('without any window (MR) uses min–max: 100, 200, 300, 400 → 0, 85, 170, 255', () => {
    const out = toDisplayRgb(row([100, 200, 300, 400]), { rescaleSlope: 1, rescaleIntercept: 0, photometric: 'MONOCHROME2' });
    // w = 301, c = 250.5: 200 → (−50/300 + 0.5)·255 = 85; 300 → (50/300 + 0.5)·255 = 170.
    expect(reds(out.data)).toEqual([0, 85, 170, 255]);
    expect(out.window).toEqual({ center: 250.5, width: 301, source: 'min-max' });
  });

  it('an invalid file width falls back to min–max with a warning', () => {
    const out = toDisplayRgb(row([0, 10]), { rescaleSlope: 1, rescaleIntercept: 0, windowCenter: 5, windowWidth: 0, photometric: 'MONOCHROME2' });
    expect(reds(out.data)).toEqual([0, 255]);
    expect(out.warnings).toHaveLength(1);
  });

  it('colour passes through, clamped to bytes; PALETTE COLOR is refused', () => {
    const frame: StoredFrame = { rows: 1, columns: 2, samplesPerPixel: 3, pixels: [0, 128, 255, 300, -4, 7] };
    const out = toDisplayRgb(frame, { rescaleSlope: 1, rescaleIntercept: 0, photometric: 'RGB' });
    expect(Array.from(out.data)).toEqual([0, 128, 255, 255, 0, 7]);
    expect(out.window).toBeUndefined();
    expect(() => toDisplayRgb(row([1]), { rescaleSlope: 1, rescaleIntercept: 0, photometric: 'PALETTE COLOR' })).toThrow(/PALETTE/);
  });

  it('real CT (CT_small.dcm, intercept −1024) in the lung preset, pixels worked by hand', async () => {
    const read = readDicom(new Uint8Array(readFileSync(sharedData('ct', 'CT_small.dcm'))), DEFAULT_LIMITS);
    const frame = await decodeFrame(read.dataSet, 0, read.transferSyntaxUid);
    expect(Array.from(frame.pixels.slice(0, 4))).toEqual([175, 180, 166, 143]); // inputs of the hand work below
    const out = toDisplayRgb(frame, {
      rescaleSlope: Number(read.dataSet.string('x00281053')),
      rescaleIntercept: Number(read.dataSet.string('x00281052')),
      window: WINDOW_PRESETS['ct-lung'],
      photometric: frame.photometric,
    });
    // HU −849, −844, −858, −881 with C−600/W1500 (c − 0.5 = −600.5, w − 1 = 1499):
    // (−248.5/1499 + 0.5)·255 = 85.23; (−243.5/1499 + .5)·255 = 86.08; (−257.5/…) = 83.70; (−280.5/…) = 79.78.
    expect(reds(out.data.slice(0, 12))).toEqual([85, 86, 84, 80]);
    expect(out.width * out.height).toBe(128 * 128);
  });

  it("real MR (MR_small.dcm) in the file's window C600/W1600", async () => {
    const read = readDicom(new Uint8Array(readFileSync(sharedData('mr', 'MR_small.dcm'))), DEFAULT_LIMITS);
    const frame = await decodeFrame(read.dataSet, 0, read.transferSyntaxUid);
    expect(Array.from(frame.pixels.slice(0, 2))).toEqual([905, 1019]);
    const out = toDisplayRgb(frame, { rescaleSlope: 1, rescaleIntercept: 0, windowCenter: 600, windowWidth: 1600, photometric: 'MONOCHROME2' });
    // (305.5/1599 + 0.5)·255 = 176.22; (419.5/1599 + 0.5)·255 = 194.40.
    expect(reds(out.data.slice(0, 6))).toEqual([176, 194]);
  });
});
