import dicomParser, { type DataSet } from 'dicom-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src-main/parsing/dicom/pixels/decodeFrame';
import { sharedData } from '../../helpers/sharedData';
import { decodeFile, loadDicom } from './pixelTestHelpers';
import { monochrome, syntheticDataSet } from './syntheticDataSet';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
// Each damaged input must fail fast; a hang would trip this bound instead of the 60 s default.
const FAST = { timeout: 5000 };

describe('damaged corpus files throw specific errors', () => {
  it('MR_truncated: native pixel data shorter than the frame', FAST, async () => {
    const bytes = new Uint8Array(readFileSync(sharedData('malformed', 'MR_truncated.dcm')));
    // dicom-parser throws {exception, dataSet} on the buffer overrun; the partial data set still holds
    // the Image Pixel module and a Pixel Data element that claims 8192 bytes.
    let dataSet: DataSet | undefined;
    try {
      dicomParser.parseDicom(bytes);
    } catch (e) {
      expect(String((e as { exception?: unknown }).exception)).toMatch(/buffer overrun/);
      dataSet = (e as { dataSet?: DataSet }).dataSet;
    }
    expect(dataSet).toBeDefined();
    await expect(decodeFrame(dataSet as DataSet, 0, EXPLICIT_LE)).rejects.toThrow(
      /^pixel data holds \d+ bytes, frame 0 needs 8192$/,
    );
  });

  it('emri_small_jpeg_2k_lossless_too_short: Pixel Data has no Sequence Delimitation Item', FAST, async () => {
    for (const k of [0, 9]) {
      await expect(decodeFile(['malformed', 'emri_small_jpeg_2k_lossless_too_short.dcm'], k)).rejects.toThrow(
        /encapsulated Pixel Data is not terminated/,
      );
    }
  });

  it('JPEG2000-embedded-sequence-delimiter: OpenJPEG reports the broken codestream', FAST, async () => {
    await expect(decodeFile(['malformed', 'JPEG2000-embedded-sequence-delimiter.dcm'])).rejects.toThrow(
      /^JPEG 2000 \(OpenJPEG\) could not decode the frame: .*(Invalid number of tiles|failed to read the header)/,
    );
  });

  it('a frame index past the last frame is refused', FAST, async () => {
    await expect(decodeFile(['xa', 'HasFragmentSequence_xa_96frames_jpeg.dcm'], 96)).rejects.toThrow(
      'frame 96 does not exist (the object has 96 frames)',
    );
  });

  it('a JPEG codestream cut short is refused instead of being padded with grey', FAST, async () => {
    const { dataSet, transferSyntax } = loadDicom('compressed', 'SC_rgb_jpeg_dcmtk.dcm');
    const el = dataSet.elements['x7fe00010'];
    const frag = el?.fragments?.[0];
    if (!el || !frag) throw new Error('fixture changed');
    // Keep the first half of the only fragment; the rest of the file stays as it is.
    frag.length = Math.floor(frag.length / 2);
    await expect(decodeFrame(dataSet, 0, transferSyntax)).rejects.toThrow(
      /^JPEG codestream is truncated: it has no end marker \(FF D9\)/,
    );
  });

  it('a corrupted RLE segment is refused with the segment named', FAST, async () => {
    const { dataSet, transferSyntax } = loadDicom('compressed', 'MR_small_RLE.dcm');
    const frag = dataSet.elements['x7fe00010']?.fragments?.[0];
    if (!frag) throw new Error('fixture changed');
    frag.length = 200; // header intact, segments cut
    await expect(decodeFrame(dataSet, 0, transferSyntax)).rejects.toThrow(/^RLE: segment \d/);
  });
});

describe('declared sizes are checked before allocating', () => {
  it('refuses a frame larger than 1.5 GiB', FAST, async () => {
    const ds = syntheticDataSet([
      ...monochrome(65535, 65535, 32, 1, new Uint8Array(4)).slice(0, 9),
      { tag: [0x7fe0, 0x0010], vr: 'OW', value: new Uint8Array(4) },
    ]);
    await expect(decodeFrame(ds, 0, EXPLICIT_LE)).rejects.toThrow(/over the \d+-byte limit/);
  });

  it('reports how much native data is missing for a later frame', FAST, async () => {
    const ds = syntheticDataSet(monochrome(4, 4, 16, 3, new Uint8Array(64))); // 2 of 3 frames present
    await expect(decodeFrame(ds, 1, EXPLICIT_LE)).resolves.toBeDefined();
    await expect(decodeFrame(ds, 2, EXPLICIT_LE)).rejects.toThrow('pixel data holds 64 bytes, frame 2 needs 96');
  });

  it('unsupported transfer syntaxes are named', FAST, async () => {
    const ds = syntheticDataSet(monochrome(2, 2, 8, 1, new Uint8Array(4)));
    await expect(decodeFrame(ds, 0, '1.2.840.10008.1.2.4.100')).rejects.toThrow(
      'pixel data in transfer syntax 1.2.840.10008.1.2.4.100 is not supported',
    );
  });
});

describe('1-bit data packed across frame boundaries', () => {
  it('frame k starts at bit k×rows×columns, not at a byte boundary', async () => {
    // 3x3 frames = 9 bits each. Frame 0: all ones; frame 1: only the first and last pixel.
    // Bits LSB-first: frame 0 = bits 0..8, frame 1 = bits 9..17 with bits 9 and 17 set.
    const bits = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1];
    const packed = new Uint8Array(4);
    bits.forEach((b, i) => {
      if (b) packed[i >> 3] = (packed[i >> 3] as number) | (1 << (i & 7));
    });
    const ds = syntheticDataSet(monochrome(3, 3, 1, 2, packed));
    const f0 = await decodeFrame(ds, 0, EXPLICIT_LE);
    const f1 = await decodeFrame(ds, 1, EXPLICIT_LE);
    expect(Array.from(f0.pixels)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(f1.pixels)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
