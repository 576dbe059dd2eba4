import { describe, expect, it } from 'vitest';
import { channelSums, decodeFile, difference, expectSamePixels, frameCount, range } from './pixelTestHelpers';

describe('NM1 (1024x256) in lossy JPEG Extended, lossy JPEG 2000 and JPEG Lossless', () => {
  it('JPEG-LL (lossless) decodes with the right geometry and a plausible range', async () => {
    const f = await decodeFile(['compressed', 'JPEG-LL.dcm']);
    expect([f.rows, f.columns, f.samplesPerPixel]).toEqual([1024, 256, 1]);
    expect(f.pixels).toBeInstanceOf(Int16Array);
    expect(range(f.pixels)).toEqual([0, 278]);
  });

  // The lossless NM1 rendition is the reference for both lossy files (same NEMA NM1 image).
  it('JPGExtended (12-bit lossy) is within tolerance of the lossless rendition', async () => {
    const ref = await decodeFile(['compressed', 'JPEG-LL.dcm']);
    const f = await decodeFile(['compressed', 'JPGExtended.dcm']);
    expect(f.pixels).toBeInstanceOf(Uint16Array);
    // Measured max-abs 36, RMSE 3.6 on a 0..278 range. Bounds 40 / 4 (1.4% RMSE of the range).
    const d = difference(f.pixels, ref.pixels);
    expect(d.maxAbs).toBeLessThanOrEqual(40);
    expect(d.rmse).toBeLessThanOrEqual(4);
  });

  it('JPEG2000 (lossy, ~3 KB codestream) is within tolerance of the lossless rendition', async () => {
    const ref = await decodeFile(['compressed', 'JPEG-LL.dcm']);
    const f = await decodeFile(['compressed', 'JPEG2000.dcm']);
    expect(f.pixels).toBeInstanceOf(Int16Array);
    // Measured max-abs 101, RMSE 7.1: ~2.6% of the range, as expected for a ~190:1 compression; a
    // mis-decoded codestream (wrong sign, precision or layout) gives RMSE in the hundreds.
    const d = difference(f.pixels, ref.pixels);
    expect(d.maxAbs).toBeLessThanOrEqual(110);
    expect(d.rmse).toBeLessThanOrEqual(8);
  });
});

describe('single-frame colour and small images', () => {
  it('JPEGLSNearLossless_08 decodes to 45x10 8-bit', async () => {
    const f = await decodeFile(['compressed', 'JPEGLSNearLossless_08.dcm']);
    expect([f.rows, f.columns, f.pixels.length]).toEqual([45, 10, 450]);
    expect(f.pixels).toBeInstanceOf(Uint8Array);
    expect(f.lossy).toBe(true);
    const [lo, hi] = range(f.pixels);
    expect(hi).toBeGreaterThan(lo);
  });

  it('HTJ2K_08_RGB decodes to a 640x480 colour photograph', async () => {
    const f = await decodeFile(['compressed', 'HTJ2K_08_RGB.dcm']);
    expect([f.rows, f.columns, f.samplesPerPixel, f.photometric]).toEqual([480, 640, 3, 'RGB']);
    expect(f.pixels.length).toBe(640 * 480 * 3);
    expect(range(f.pixels)).toEqual([0, 255]);
    const [r, g, b] = channelSums(f.pixels);
    expect(r).not.toBe(g); // genuinely coloured, channels not collapsed
    expect(g).not.toBe(b);
  });

  it('US1_J2KI (YBR_ICT, lossy J2K) matches its 2x2-downsampled uncompressed crop', async () => {
    // examples_rgb_color_us.dcm is NEMA US1 reduced to 320x240; a 2x2 box average of the 640x480 J2K
    // decode reproduces it (measured RMSE 4.75). Without the inverse ICT the channels would be Y/Cb/Cr
    // and the RMSE would be around 100.
    const big = await decodeFile(['us', 'US1_J2KI.dcm']);
    const small = await decodeFile(['us', 'examples_rgb_color_us.dcm']);
    expect([big.rows, big.columns, big.photometric]).toEqual([480, 640, 'RGB']);
    const reduced = new Float64Array(small.pixels.length);
    const p = big.pixels;
    for (let y = 0; y < 240; y++) {
      for (let x = 0; x < 320; x++) {
        for (let c = 0; c < 3; c++) {
          const at = (yy: number, xx: number): number => p[(yy * 640 + xx) * 3 + c] as number;
          reduced[(y * 320 + x) * 3 + c] = (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
        }
      }
    }
    expect(difference(reduced, small.pixels).rmse).toBeLessThanOrEqual(6);
  });

  it('native RGB and big endian planar RGB match pydicom', async () => {
    // Per-channel sums from pydicom 2.3.1 pixel_array (computed once, offline).
    const be = await decodeFile(['us', 'ExplVR_BigEnd_us_rgb.dcm']);
    expect([be.rows, be.columns, be.photometric]).toEqual([60, 80, 'RGB']);
    expect(channelSums(be.pixels)).toEqual([1204602, 1190652, 75462]);
    expect(Array.from(be.pixels.slice(0, 6))).toEqual([171, 171, 171, 173, 173, 173]);
    const us = await decodeFile(['us', 'examples_rgb_color_us.dcm']);
    expect(channelSums(us.pixels).reduce((a, b) => a + b)).toBe(7895026);
  });

  it('8-bit OW big endian (byte pairs swapped) equals its little endian twin', async () => {
    const le = await decodeFile(['malformed', 'SC_rgb_small_odd.dcm']);
    const be = await decodeFile(['malformed', 'SC_rgb_small_odd_big_endian.dcm']);
    expect(le.pixels.length).toBe(27);
    expect(channelSums(le.pixels)).toEqual([1161, 1158, 1158]); // pydicom 2.3.1
    expectSamePixels(be, le);
  });

  it('deflated image_dfl decodes (pixels native once inflated)', async () => {
    const f = await decodeFile(['malformed', 'image_dfl.dcm']);
    expect([f.rows, f.columns]).toEqual([512, 512]);
    expect(Array.from(f.pixels).reduce((a, b) => a + b, 0)).toBe(33322688); // pydicom 2.3.1
  });

  it('mg/GH133 (3062x2394 JPEG lossless) decodes with plausible 12-bit values', async () => {
    const f = await decodeFile(['mg', 'GH133_mg_ge_jpeg_lossless.dcm']);
    expect([f.rows, f.columns, f.pixels.length]).toEqual([3062, 2394, 3062 * 2394]);
    expect(f.pixels).toBeInstanceOf(Uint16Array);
    const [lo, hi] = range(f.pixels);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(4096); // BitsStored 12
    expect(hi).toBeGreaterThan(1000);
  });
});

describe('multi-frame', () => {
  it('us/examples_ybr_color_us_multiframe_jpeg: 30 YBR_FULL_422 JPEG frames come back as RGB', async () => {
    const n = frameCount('us', 'examples_ybr_color_us_multiframe_jpeg.dcm');
    expect(n).toBe(30);
    for (const k of [0, 15, 29]) {
      const f = await decodeFile(['us', 'examples_ybr_color_us_multiframe_jpeg.dcm'], k);
      expect([f.rows, f.columns, f.samplesPerPixel, f.photometric]).toEqual([240, 320, 3, 'RGB']);
      // Ultrasound is mostly grey: after a correct YCbCr→RGB the three channels nearly agree.
      const [r, g, b] = channelSums(f.pixels);
      expect(Math.abs(r - g) / g).toBeLessThan(0.1);
      expect(Math.abs(b - g) / g).toBeLessThan(0.1);
    }
  });

  it('xa: 96 JPEG frames, first, middle and last decode and differ', async () => {
    expect(frameCount('xa', 'HasFragmentSequence_xa_96frames_jpeg.dcm')).toBe(96);
    const frames = [];
    for (const k of [0, 48, 95]) {
      const f = await decodeFile(['xa', 'HasFragmentSequence_xa_96frames_jpeg.dcm'], k);
      expect([f.rows, f.columns, f.photometric]).toEqual([512, 512, 'MONOCHROME2']);
      expect(f.pixels).toBeInstanceOf(Uint8Array);
      const [lo, hi] = range(f.pixels);
      expect(hi - lo).toBeGreaterThan(100);
      frames.push(f.pixels);
    }
    expect(difference(frames[0] as Uint8Array, frames[2] as Uint8Array).maxAbs).toBeGreaterThan(0);
  });

  it('pathology: 140-tile JPEG WSI and 25-tile native WSI', async () => {
    for (const k of [0, 70, 139]) {
      const f = await decodeFile(['pathology', 'fodicom_multiframe_wsi.dcm'], k);
      expect([f.rows, f.columns, f.samplesPerPixel, f.photometric]).toEqual([240, 240, 3, 'RGB']);
      expect(f.pixels.length).toBe(240 * 240 * 3);
      // H&E slide background is near white; a colour or layout error moves the mean far from it.
      if (k !== 139) {
        const mean = channelSums(f.pixels).reduce((a, b) => a + b) / f.pixels.length;
        expect(mean).toBeGreaterThan(150);
      }
    }
    // This writer stored the last (corner) tile as a 55x121 JPEG: it is placed top-left and reported.
    const corner = await decodeFile(['pathology', 'fodicom_multiframe_wsi.dcm'], 139);
    expect(corner.warnings?.[0]).toMatch(/JPEG codestream is 55x121, smaller than the declared 240x240/);
    expect(corner.pixels[(0 * 240 + 54) * 3]).toBeGreaterThan(0); // inside the stored tile
    expect(corner.pixels[(239 * 240 + 239) * 3]).toBe(0); // padding
    let total = 0;
    for (let k = 0; k < 25; k++) {
      const f = await decodeFile(['pathology', 'sm_image.dcm'], k);
      expect([f.rows, f.columns, f.photometric]).toEqual([10, 10, 'RGB']);
      total += Array.from(f.pixels).reduce((a, b) => a + b, 0);
    }
    expect(total).toBe(1829209); // pydicom 2.3.1, all 25 frames
  });

  it('SEG BINARY: 1-bit frames unpack to 0/1 with the per-frame counts pydicom reports', async () => {
    const counts = [];
    for (let k = 0; k < 3; k++) {
      const f = await decodeFile(['seg', 'seg_image_ct_binary.dcm'], k);
      expect([f.rows, f.columns, f.pixels.length]).toEqual([16, 16, 256]);
      expect(f.pixels).toBeInstanceOf(Uint8Array);
      expect(range(f.pixels)[1]).toBeLessThanOrEqual(1);
      counts.push(Array.from(f.pixels).reduce((a, b) => a + b, 0));
    }
    expect(counts).toEqual([127, 256, 255]);
  });

  it('SEG FRACTIONAL: 8-bit frames with the sums pydicom reports', async () => {
    const sums = [];
    for (let k = 0; k < 3; k++) {
      const f = await decodeFile(['seg', 'seg_image_ct_true_fractional.dcm'], k);
      expect(f.pixels).toBeInstanceOf(Uint8Array);
      expect(range(f.pixels)[1]).toBeLessThanOrEqual(255);
      sums.push(Array.from(f.pixels).reduce((a, b) => a + b, 0));
    }
    expect(sums).toEqual([17664, 32768, 32704]);
  });

  it('emri_small: the 10 JPEG 2000 frames of the unterminated file equal the native twin when accepted', async () => {
    for (let k = 0; k < 10; k++) {
      const ref = await decodeFile(['mr', 'enhanced', 'emri_small.dcm'], k);
      const f = await decodeFile(['malformed', 'emri_small_jpeg_2k_lossless_too_short.dcm'], k, {
        acceptUnterminatedEncapsulation: true,
      });
      expectSamePixels(f, ref);
    }
  });
});
