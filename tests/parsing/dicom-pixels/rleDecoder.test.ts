import { describe, expect, it } from 'vitest';
import type { PixelModule } from '../../../src-main/parsing/dicom/pixels/pixelModule';
import { checkRle, decodeRle } from '../../../src-main/parsing/dicom/pixels/rleDecoder';

function module(rows: number, columns: number, bitsAllocated: 8 | 16, samplesPerPixel: 1 | 3): PixelModule {
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored: bitsAllocated,
    highBit: bitsAllocated - 1,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometric: samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    numberOfFrames: 1,
  };
}

/** RLE frame: 64-byte header with the segment offsets, then the segments (PS3.5 G.3 / G.5). */
function rleFrame(segments: number[][]): Uint8Array {
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, i) => {
    header.setUint32(4 + 4 * i, offset, true);
    offset += s.length;
  });
  return new Uint8Array([...new Uint8Array(header.buffer), ...segments.flat()]);
}

describe('RLE Lossless (PS3.5 Annex G)', () => {
  it('decodes literal and replicate runs and ignores the -128 no-op', () => {
    // 0x02: literal of 3 bytes; 0xFE (-2): repeat next byte 3 times; 0x80: no-op.
    const frame = rleFrame([[0x02, 10, 20, 30, 0x80, 0xfe, 7]]);
    expect(Array.from(decodeRle(frame, module(2, 3, 8, 1)))).toEqual([10, 20, 30, 7, 7, 7]);
  });

  it('puts the most significant byte plane first and writes little-endian words', () => {
    // Two 16-bit pixels 0x1234, 0xABCD: segment 0 = high bytes, segment 1 = low bytes.
    const frame = rleFrame([[0x01, 0x12, 0xab], [0x01, 0x34, 0xcd]]);
    expect(Array.from(decodeRle(frame, module(1, 2, 16, 1)))).toEqual([0x34, 0x12, 0xcd, 0xab]);
  });

  it('interleaves colour planes into RGB triplets', () => {
    const frame = rleFrame([[0xff, 1], [0xff, 2], [0xff, 3]]); // each plane: byte repeated twice
    expect(Array.from(decodeRle(frame, module(1, 2, 8, 3)))).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('rejects a segment count that does not match the image', () => {
    expect(() => decodeRle(rleFrame([[0x00, 1]]), module(1, 1, 16, 1))).toThrow(
      'RLE: header declares 1 segments, the image needs 2',
    );
  });

  it('rejects a segment that decodes to too few bytes', () => {
    expect(() => decodeRle(rleFrame([[0x00, 1]]), module(2, 2, 8, 1))).toThrow(
      'RLE: segment 0 decoded to 1 bytes, the frame needs 4',
    );
  });

  it('checkRle refuses exactly what decodeRle refuses, each way a frame can be damaged', () => {
    const outcome = (run: () => unknown): string => {
      try {
        run();
        return 'ok';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const m = module(2, 2, 16, 1); // two segments of 4 bytes each
    const good = [[0x03, 1, 2, 3, 4], [0xfd, 9]];
    const cases: { frame: Uint8Array; reason: string }[] = [
      { frame: rleFrame(good), reason: 'ok' },
      { frame: rleFrame([[0x03, 1, 2, 3, 4]]), reason: 'RLE: header declares 1 segments, the image needs 2' },
      { frame: rleFrame(good).slice(0, 40), reason: 'RLE: frame holds 40 bytes, less than the 64-byte header' },
      { frame: rleFrame([[0x05, 1, 2, 3, 4], [0xfd, 9]]), reason: 'RLE: segment 0 literal run overruns the segment' },
      { frame: rleFrame([[0x03, 1, 2, 3, 4], [0x80, 0xfd]]), reason: 'RLE: segment 1 replicate run has no byte to repeat' },
      { frame: rleFrame([[0x03, 1, 2, 3, 4], [0xff, 9]]), reason: 'RLE: segment 1 decoded to 2 bytes, the frame needs 4' },
    ];
    const badOffset = rleFrame(good);
    new DataView(badOffset.buffer).setUint32(8, 1000, true); // segment 1 starts past the frame
    cases.push({ frame: badOffset, reason: 'RLE: segment 0 has an invalid offset 64 (frame is 71 bytes)' }); // 64 + 5 + 2 bytes
    for (const c of cases) {
      expect(outcome(() => decodeRle(c.frame, m))).toBe(c.reason);
      expect(outcome(() => checkRle(c.frame, m))).toBe(c.reason);
    }
  });
});
