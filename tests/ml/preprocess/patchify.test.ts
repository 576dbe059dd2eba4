import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src-main/parsing/dicom/pixels/decodeFrame';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { imageTokenCount } from '../../../src-main/ml/preprocess/imageTokenCount';
import { patchify } from '../../../src-main/ml/preprocess/patchify';
import { WINDOW_PRESETS } from '../../../src-main/ml/preprocess/windowPresets';
import { prepareImage } from '../../../src-main/ml/preprocess/prepareImage';
import { toDisplayRgb } from '../../../src-main/ml/preprocess/toDisplayRgb';
import type { ChwImage } from '../../../src-main/ml/preprocess/types';
import { sharedData } from '../../helpers/sharedData';

/** 3×H×W image whose value names its own coordinates: c·10000 + y·100 + x. */
function labelled(height: number, width: number): ChwImage {
  const data = new Float32Array(3 * height * width);
  for (let c = 0; c < 3; c++) for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[(c * height + y) * width + x] = c * 10000 + y * 100 + x;
  return { channels: 3, height, width, data };
}

/**
 * Independent route to Qwen's layout: build the repeated (tp, C, H, W) tensor, view it as the 9-D shape of
 * the image processor, and apply numpy's transpose(0, 3, 6, 4, 7, 2, 1, 5, 8) with generic strides.
 */
function numpyStyle(img: ChwImage, tp: number, ps: number, m: number): Float32Array {
  const { channels: C, height: H, width: W } = img;
  const shape = [1, tp, C, H / ps / m, m, ps, W / ps / m, m, ps];
  const strides = new Array<number>(9);
  let s = 1;
  for (let a = 8; a >= 0; a--) {
    strides[a] = s;
    s *= shape[a]!;
  }
  const repeated = new Float32Array(tp * C * H * W);
  for (let f = 0; f < tp; f++) repeated.set(img.data, f * C * H * W);
  const order = [0, 3, 6, 4, 7, 2, 1, 5, 8];
  const outShape = order.map((a) => shape[a]!);
  const out = new Float32Array(repeated.length);
  const idx = new Array<number>(9).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < 9; k++) src += idx[k]! * strides[order[k]!]!;
    out[o] = repeated[src]!;
    for (let k = 8; k >= 0; k--) {
      if (++idx[k]! < outShape[k]!) break;
      idx[k] = 0;
    }
  }
  return out;
}

describe('patchify (Qwen2-VL patch order)', () => {
  const img = labelled(56, 56); // 4×4 patches of 14, 2×2 merge windows of 2×2 patches

  it('gives (16, 1176) rows and grid (1, 4, 4)', () => {
    const p = patchify(img);
    expect(p.gridThw).toEqual([1, 4, 4]);
    expect([p.rows, p.columns]).toEqual([16, 1176]);
    expect(p.pixelValues.length).toBe(16 * 1176);
  });

  it('walks each 2×2 merge window contiguously: rows 0..3 = patches (0,0),(0,1),(1,0),(1,1), row 4 = (0,2)', () => {
    const p = patchify(img);
    // Column 0 = channel 0, frame 0, pixel (0,0) of the patch, i.e. value y0·100 + x0.
    const firstPixel = (r: number): number => p.pixelValues[r * 1176]!;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(firstPixel)).toEqual([0, 14, 1400, 1414, 28, 42, 1428, 1442, 2800]);
  });

  it('orders a row as channel, frame, y, x (column = ((c·2 + f)·14 + py)·14 + px)', () => {
    const p = patchify(img);
    // Row 5 = patch (0, 3) at y0 = 0, x0 = 42; column for c=1, f=1, py=3, px=5 = ((1·2+1)·14+3)·14+5 = 635.
    expect(p.pixelValues[5 * 1176 + 635]).toBe(10000 + 3 * 100 + 47);
    // Row 6 = patch (1, 2) at y0 = 14, x0 = 28; c=2, f=0, py=13, px=0 → column (4·14+13)·14 = 966.
    expect(p.pixelValues[6 * 1176 + 966]).toBe(20000 + 27 * 100 + 28);
    // The still image is repeated: frame 1 (196 columns later) equals frame 0.
    for (const col of [0, 100, 195]) expect(p.pixelValues[7 * 1176 + col + 196]).toBe(p.pixelValues[7 * 1176 + col]);
  });

  it('matches the reshape/transpose(0,3,6,4,7,2,1,5,8) of the image processor exactly, non-square too', () => {
    const wide = labelled(28, 84);
    expect(Array.from(patchify(wide).pixelValues)).toEqual(Array.from(numpyStyle(wide, 2, 14, 2)));
    expect(Array.from(patchify(img).pixelValues)).toEqual(Array.from(numpyStyle(img, 2, 14, 2)));
  });

  it('refuses sizes that are not multiples of 28', () => {
    expect(() => patchify(labelled(42, 56))).toThrow(RangeError);
  });
});

describe('imageTokenCount', () => {
  it('is t·h·w/4', () => {
    expect(imageTokenCount([1, 4, 4])).toBe(4);
    expect(imageTokenCount([1, 36, 36])).toBe(324);
    expect(() => imageTokenCount([1, 3, 4])).toThrow(RangeError);
  });
});

describe('prepareImage on real CT', () => {
  it('CT_small 128×128 → 280×280 (β = 2, ⌈256/28⌉·28), grid (1, 20, 20), 100 tokens, 400×1176 floats', async () => {
    const read = readDicom(new Uint8Array(readFileSync(sharedData('ct', 'CT_small.dcm'))), DEFAULT_LIMITS);
    const frame = await decodeFrame(read.dataSet, 0, read.transferSyntaxUid);
    const rgb = toDisplayRgb(frame, { rescaleSlope: 1, rescaleIntercept: -1024, window: WINDOW_PRESETS['ct-soft-tissue'], photometric: frame.photometric });
    const input = prepareImage(rgb, { ref: 'CT_small#0' });
    expect(input.gridThw).toEqual([1, 20, 20]);
    expect(input.tokens).toBe(100);
    expect([input.rows, input.columns]).toEqual([400, 1176]);
    expect(input.pixelValues.length).toBe(400 * 1176);
    expect(input.resize).toEqual({ originalWidth: 128, originalHeight: 128, resizedWidth: 280, resizedHeight: 280, ref: 'CT_small#0' });
    // Every value lies between the normalised images of 0 and 255 over the three channels.
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of input.pixelValues) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(-1.7923); // (0 − 0.48145466)/0.26862954
    expect(hi).toBeLessThanOrEqual(2.1459); // (1 − 0.40821073)/0.27577711
  });
});
