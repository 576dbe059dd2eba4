/**
 * walkJpegLossless is what refuses a damaged JPEG Lossless frame (the decoder library returns wrong
 * pixels without an error) and what import runs instead of a decode. Proven here on codestreams written
 * by an independent encoder (checked first against the library), on each way a stream can be damaged, on
 * every JPEG Lossless frame in ../shared/data, and on damaged copies of a real CT frame: wherever the
 * library refuses, the walk must refuse too (checkFrame relies on that), and it must catch what the
 * library lets through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Decoder } from 'jpeg-lossless-decoder-js';
import { describe, expect, it } from 'vitest';
import { readEncapsulatedFrame } from '../../../src-main/parsing/dicom/pixels/encapsulatedFrame';
import { walkJpegLossless } from '../../../src-main/parsing/dicom/pixels/jpegLosslessWalk';
import { pixelEncodingOf } from '../../../src-main/parsing/dicom/pixels/transferSyntax';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedData, sharedDataDir } from '../../helpers/sharedData';
import { CODE_BITS, encodeLossless, encodeLosslessParts, joinParts, type EncodeOptions } from './losslessJpegEncoder';

/** The library's own decode, without the walk that decodeJpegLossless runs first. */
function libraryDecode(frame: Uint8Array, bytesPerSample: 1 | 2): { width: number; height: number; samples: ArrayLike<number> } {
  const decoder = new Decoder();
  const copy = frame.slice();
  const samples = decoder.decode(copy.buffer, 0, copy.length, bytesPerSample);
  return { width: decoder.frame.dimX, height: decoder.frame.dimY, samples };
}

function refuses(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch {
    return true;
  }
}

/** A deterministic pseudo-random image: smooth ramps plus noise, so every difference category appears. */
function testImage(width: number, height: number, components: 1 | 3, precision: number): EncodeOptions {
  const samples: number[] = [];
  let seed = 7;
  const max = 2 ** precision - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < components; c++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const noise = seed % 97;
        samples.push(Math.min(max, ((x * 37 + y * 11 + c * 50) * (max >> 8)) % max + noise));
      }
    }
  }
  // A full-range jump, so the largest categories are coded too.
  samples[components * (width + 3)] = 0;
  samples[components * (width + 4)] = max;
  return { width, height, components, precision, samples };
}

describe('the test encoder (proven against jpeg-lossless-decoder-js before it is used)', () => {
  it.each([
    ['16-bit grey', testImage(37, 23, 1, 16), 2 as const],
    ['12-bit grey with a restart every 2 rows', { ...testImage(40, 9, 1, 12), restartInterval: 80 }, 2 as const],
    ['8-bit RGB', testImage(19, 11, 3, 8), 1 as const],
  ])('%s decodes back to the encoded samples', (_name, image, bytes) => {
    const decoded = libraryDecode(encodeLossless(image), bytes);
    expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
    expect(Array.from(decoded.samples)).toEqual(Array.from(image.samples));
  });
});

describe('walkJpegLossless on sound codestreams', () => {
  it('returns the frame size, components and precision', () => {
    expect(walkJpegLossless(encodeLossless(testImage(37, 23, 1, 16)))).toEqual({ width: 37, height: 23, components: 1, precision: 16 });
    expect(walkJpegLossless(encodeLossless(testImage(19, 11, 3, 8)))).toEqual({ width: 19, height: 11, components: 3, precision: 8 });
  });

  it('follows restart markers RST0…RST7 and wraps after RST7', () => {
    // 20 intervals of one row each: the markers run RST0…RST7 twice and then RST0…RST2.
    const image = { ...testImage(16, 20, 1, 12), restartInterval: 16 };
    expect(walkJpegLossless(encodeLossless(image))).toMatchObject({ width: 16, height: 20 });
  });

  it('walks every JPEG Lossless frame 1 in ../shared/data and agrees with the library on its size', () => {
    const seen: string[] = [];
    for (const file of listFiles(sharedDataDir)) {
      const frame = firstLosslessFrame(file);
      if (!frame) continue;
      const walked = walkJpegLossless(frame);
      const decoded = libraryDecode(frame, walked.precision <= 8 ? 1 : 2);
      expect([walked.width, walked.height], file).toEqual([decoded.width, decoded.height]);
      seen.push(path.relative(sharedDataDir, file));
    }
    // CT, MR, mammography, NM and RGB renditions, 8 to 16 bits (data/SOURCES.md).
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen).toContain(path.join('mg', 'GH133_mg_ge_jpeg_lossless.dcm'));
  });
});

describe('walkJpegLossless on damaged codestreams', () => {
  const image = { ...testImage(24, 12, 1, 16), restartInterval: 48 };
  const parts = encodeLosslessParts(image);
  const sound = joinParts(parts);

  it('refuses coded data cut short, even when the cut ends in FF D9', () => {
    const withoutLastInterval = joinParts({ ...parts, intervals: parts.intervals.slice(0, -1).concat([parts.intervals.at(-1)!.slice(0, 5)]) });
    expect(() => walkJpegLossless(withoutLastInterval)).toThrow(/coded data ends at a marker at byte \d+ inside sample \d+ of 288/);
    expect(() => walkJpegLossless(sound.subarray(0, sound.length - 7))).toThrow(/JPEG Lossless: coded data ends/);
  });

  it('refuses coded data left over after the last sample', () => {
    const extra = joinParts({ ...parts, intervals: [...parts.intervals.slice(0, -1), [...parts.intervals.at(-1)!, 0x12]] });
    expect(() => walkJpegLossless(extra)).toThrow(/coded data continues past the end of the scan/);
  });

  it('refuses an interval with a byte too many, and restart markers out of turn', () => {
    const long = joinParts({ ...parts, intervals: [[...parts.intervals[0]!, 0x12], ...parts.intervals.slice(1)] });
    expect(() => walkJpegLossless(long)).toThrow(/coded data continues past restart 0 \(after sample 48 of 288\)/);
    const swapped = joinParts(parts, (i) => 0xd0 + ((i + 1) % 8));
    expect(() => walkJpegLossless(swapped)).toThrow(/expected restart marker RST0 after sample 48 of 288, found 0xFFD1/);
  });

  it('refuses an undefined Huffman code and a difference category over 16', () => {
    // The 5-bit codes 17–31 are undefined in the encoder's table: overwrite the first code with 11111.
    const header = parts.header.length;
    const undefinedCode = sound.slice();
    undefinedCode[header] = (undefinedCode[header] as number) | 0xf8;
    if (undefinedCode[header] === 0xff) undefinedCode[header] = 0xfe; // keep it a data byte, not a marker
    expect(() => walkJpegLossless(undefinedCode)).toThrow(/invalid Huffman code in sample 1 of 288/);
    // Every code of the table now stands for category 17.
    const dht = findMarker(sound, 0xc4);
    const category17 = sound.slice();
    category17.fill(17, dht + 4 + 1 + 16, dht + 4 + 1 + 16 + 17);
    expect(CODE_BITS).toBe(5);
    expect(() => walkJpegLossless(category17)).toThrow(/difference category 17 is over 16/);
  });

  it('refuses a DCT frame marker, a second scan, an unknown marker and an over-full Huffman table', () => {
    expect(() => walkJpegLossless(encodeLossless({ ...testImage(8, 8, 1, 8), sofMarker: 0xc0 }))).toThrow(/frame marker 0xFFC0 is not lossless Huffman \(SOF3\)/);
    const sos = findMarker(sound, 0xda);
    const scan = sound.subarray(sos, sound.length - 2);
    const twoScans = Uint8Array.from([...sound.subarray(0, sound.length - 2), ...scan, 0xff, 0xd9]);
    expect(() => walkJpegLossless(twoScans)).toThrow(/more than one scan/);
    const unknown = Uint8Array.from([0xff, 0xd8, 0xff, 0x51, 0x00, 0x04, 0x00, 0x00, ...sound.subarray(2)]);
    expect(() => walkJpegLossless(unknown)).toThrow(/unexpected marker 0xFF51 at byte 2/);
    const dht = findMarker(sound, 0xc4);
    const overFull = sound.slice();
    overFull[dht + 4 + 1] = 3; // three 1-bit codes (and 14 of 5 bits, so the segment length still fits)
    overFull[dht + 4 + 1 + CODE_BITS - 1] = 14;
    expect(() => walkJpegLossless(overFull)).toThrow(/more codes than its lengths allow/);
  });

  it('on a real MR frame: refuses whatever the library refuses, every cut, and damage the library lets through', () => {
    const frame = firstLosslessFrame(sharedData('mr', 'GH1339_siemens_jpeg_lossless.dcm'))!;
    const sos = findMarker(frame, 0xda);
    const cuts: Uint8Array[] = [];
    for (let k = 1; k < 16; k++) {
      const cut = sos + 14 + Math.floor(((frame.length - sos - 16) * k) / 16);
      cuts.push(Uint8Array.from([...frame.subarray(0, cut), 0xff, 0xd9]));
    }
    // Single bytes overwritten: every header byte with three masks, and 128 spread positions in the coded data.
    const damaged: Uint8Array[] = [];
    for (let at = 2; at < sos + 14; at++) {
      for (const mask of [1, 8, 64]) damaged.push(withByte(frame, at, (frame[at] as number) ^ mask));
    }
    for (let k = 0; k < 128; k++) {
      const at = sos + 14 + Math.floor(((frame.length - sos - 18) * (k + 0.5)) / 128);
      damaged.push(withByte(frame, at, (frame[at] as number) ^ (0x5a + k) % 255 || 1));
    }
    let walkOnly = 0;
    let codedWalkOnly = 0;
    for (const variant of [...cuts, ...damaged]) {
      const library = refuses(() => libraryDecode(variant, 2));
      const walk = refuses(() => walkJpegLossless(variant));
      if (library) expect(walk).toBe(true);
      if (walk && !library) walkOnly++;
    }
    for (const variant of damaged.slice(-128)) if (refuses(() => walkJpegLossless(variant)) && !refuses(() => libraryDecode(variant, 2))) codedWalkOnly++;
    for (const cut of cuts) expect(refuses(() => libraryDecode(cut, 2))).toBe(false); // the library's blind spot…
    for (const cut of cuts) expect(() => walkJpegLossless(cut)).toThrow(/coded data ends/); // …closed
    expect(walkOnly).toBeGreaterThan(cuts.length);
    // Damage inside the coded data: the library refuses none of it; the walk catches what puts the code
    // out of step (about half here); bits that only change a difference's value are beyond any reader.
    expect(codedWalkOnly).toBeGreaterThan(20);
  });
});

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

function findMarker(bytes: Uint8Array, marker: number): number {
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === marker) return i;
  throw new Error(`no marker 0xFF${marker.toString(16)}`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** Frame 1 of a JPEG Lossless DICOM object, or undefined for any other file. */
function firstLosslessFrame(file: string): Uint8Array | undefined {
  let read;
  try {
    read = readDicom(new Uint8Array(readFileSync(file)), DEFAULT_LIMITS);
  } catch {
    return undefined;
  }
  const ts = read.dataSet.string('x00020010');
  const pixels = read.dataSet.elements.x7fe00010;
  if (!ts || !pixels?.encapsulatedPixelData || pixelEncodingOf(ts) !== 'jpeg-lossless') return undefined;
  try {
    return readEncapsulatedFrame(read.dataSet, pixels, 0, Number.parseInt(read.dataSet.string('x00280008') ?? '1', 10));
  } catch {
    return undefined; // a damaged encapsulation (data/malformed) is refused before any codec runs
  }
}
