import { describe, expect, it } from 'vitest';
import { decodeFile, difference, expectSamePixels, range } from './pixelTestHelpers';

// The corpus stores several images in more than one transfer syntax (shared/data/SOURCES.md, "Same pixels
// in several transfer syntaxes"); the uncompressed rendition is the independent expected value.

describe('dcm_qa_ts: one MR mosaic in nine transfer syntaxes', () => {
  it.each([2, 3, 4, 5, 6, 7, 8, 9])('dcm_qa_ts_%i decodes to exactly the pixels of dcm_qa_ts_1', async (n) => {
    const reference = await decodeFile(['compressed', 'dcm_qa_ts_1.dcm']);
    const frame = await decodeFile(['compressed', `dcm_qa_ts_${n}.dcm`]);
    expect(reference.pixels).toBeInstanceOf(Uint16Array);
    expect(frame.pixels).toBeInstanceOf(Uint16Array);
    expect([frame.rows, frame.columns, frame.samplesPerPixel, frame.photometric]).toEqual([384, 384, 1, 'MONOCHROME2']);
    expect(range(reference.pixels)[1]).toBeGreaterThan(1000); // a real image, not a blank
    expectSamePixels(frame, reference);
  });
});

describe('MR_small in RLE, JPEG-LS, JPEG 2000 lossless and big endian', () => {
  it.each([
    ['compressed', 'MR_small_RLE.dcm'],
    ['compressed', 'MR_small_jpeg_ls_lossless.dcm'],
    ['compressed', 'MR_small_jp2klossless.dcm'],
    ['malformed', 'MR_small_bigendian.dcm'],
  ])('%s/%s equals mr/MR_small.dcm exactly', async (folder, file) => {
    const reference = await decodeFile(['mr', 'MR_small.dcm']);
    const frame = await decodeFile([folder, file]);
    expect(reference.pixels).toBeInstanceOf(Int16Array); // PixelRepresentation 1
    expect(frame.pixels).toBeInstanceOf(Int16Array);
    expectSamePixels(frame, reference);
  });
});

describe('CT0012 enhanced CT, two frames, fragmented without Basic Offset Table', () => {
  it.each([
    'CT0012.fragmented_no_bot_jpeg_lossless.70.dcm',
    'CT0012.fragmented_no_bot_jpeg_ls.80.dcm',
    'CT0012.not_fragmented_bot_rle.dcm',
  ])('%s equals the explicit little endian file for both frames', async (file) => {
    for (const k of [0, 1]) {
      const reference = await decodeFile(['ct', 'enhanced', 'CT0012.explicit_little_endian.dcm'], k);
      const frame = await decodeFile(['ct', 'enhanced', file], k);
      expect(frame.pixels.length).toBe(512 * 512);
      expectSamePixels(frame, reference);
    }
    // The two frames differ, so the frame split is really per frame.
    const f0 = await decodeFile(['ct', 'enhanced', file], 0);
    const f1 = await decodeFile(['ct', 'enhanced', file], 1);
    expect(difference(f0.pixels, f1.pixels).maxAbs).toBeGreaterThan(0);
  });

  it('JPEG Extended 12-bit (lossy) stays within the stated tolerance of the original', async () => {
    for (const k of [0, 1]) {
      const reference = await decodeFile(['ct', 'enhanced', 'CT0012.explicit_little_endian.dcm'], k);
      const frame = await decodeFile(['ct', 'enhanced', 'CT0012.fragmented_no_bot_jpeg_baseline.51.dcm'], k);
      expect(frame.lossy).toBe(true);
      // The encoder (DCMTK, "JPEG extended sequential 12 bit, IJG quality 90") stored the 0..1196 values
      // shifted up by 1023 (measured mean difference 1023.00) without changing RescaleIntercept; DCMTK's
      // own dcmdjpeg decodes the same shifted values (max |diff| 1, RMSE 0.11 against this decoder). So the
      // offset is a property of the file; the tolerance applies to what is left after removing it.
      const d = difference(frame.pixels, reference.pixels);
      expect(Math.round(d.mean)).toBe(1023);
      const shifted = Array.from(frame.pixels, (v) => v - 1023);
      const residual = difference(shifted, reference.pixels);
      // Measured (frames 0 / 1): max-abs 14 / 13, RMSE 1.35 / 1.18. Bounds: 16 (1.3% of the 1196 stored
      // range) and RMSE 2 (0.17% of the range); a wrong IDCT, level shift or block order gives tens.
      expect(residual.maxAbs).toBeLessThanOrEqual(16);
      expect(residual.rmse).toBeLessThanOrEqual(2);
    }
  });
});

describe('SC_rgb: one 100x100 RGB image in RLE, JPEG lossless, JPEG baseline and native YBR_FULL_422', () => {
  it('RLE and JPEG lossless (GDCM) are identical', async () => {
    const rle = await decodeFile(['compressed', 'SC_rgb_rle.dcm']);
    const lossless = await decodeFile(['compressed', 'SC_rgb_jpeg_gdcm.dcm']);
    expect([rle.photometric, rle.samplesPerPixel, rle.pixels.length]).toEqual(['RGB', 3, 30000]);
    expectSamePixels(lossless, rle);
  });

  it.each([['SC_rgb_jpeg_dcmtk.dcm'], ['SC_ybr_full_422_uncompressed.dcm']])(
    '%s converts to RGB within 8-bit JPEG tolerance of the lossless rendition',
    async (file) => {
      const rle = await decodeFile(['compressed', 'SC_rgb_rle.dcm']);
      const frame = await decodeFile(['compressed', file]);
      expect(frame.photometric).toBe('RGB');
      // Measured max-abs 6, RMSE 1.19 for both: the YBR_FULL_422 file is the DCMTK JPEG's decoded YCbCr
      // (same error), so it is the same image. Bounds: 8 (3% of 255) and RMSE 1.5 (0.6% of 255); a wrong
      // colour conversion or chroma layout gives errors of tens.
      const d = difference(frame.pixels, rle.pixels);
      expect(d.maxAbs).toBeLessThanOrEqual(8);
      expect(d.rmse).toBeLessThanOrEqual(1.5);
    },
  );
});
