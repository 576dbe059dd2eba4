/**
 * checkNativeFrame and checkFrame replace the decode of the first frame at import (verifyPixels). They
 * are only acceptable if they refuse exactly what decodeFrame refuses, with the same reason, and accept
 * the rest: checked here against a real decode on every DICOM object in ../shared/data (malformed files
 * included), on crafted headers for each way a native decode can fail, and on damaged copies of a
 * 12-bit JPEG frame (the codec whose check skips work: its inverse DCT).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { checkFrame, checkNativeFrame, decodeFrame } from '../../../src-main/parsing/dicom/pixels/decodeFrame';
import { readEncapsulatedFrame } from '../../../src-main/parsing/dicom/pixels/encapsulatedFrame';
import { checkJpegExtended, decodeJpegExtended, jpegSamplePrecision } from '../../../src-main/parsing/dicom/pixels/jpegExtendedDecoder';
import { pixelEncodingOf } from '../../../src-main/parsing/dicom/pixels/transferSyntax';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedData, sharedDataDir } from '../../helpers/sharedData';
import { monochrome, syntheticDataSet, type SyntheticElement } from './syntheticDataSet';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

type Outcome = { ok: true; rows: number; columns: number } | { ok: false; reason: string };

/** verifyPixels decodes and checks with this option (a missing final delimiter is tolerated). */
const TOLERANT = { acceptUnterminatedEncapsulation: true };

async function decodeOutcome(dataSet: DataSet, ts: string, options = {}): Promise<Outcome> {
  try {
    const d = await decodeFrame(dataSet, 0, ts, options);
    return { ok: true, rows: d.rows, columns: d.columns };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

function checkOutcome(dataSet: DataSet, ts: string): Outcome {
  try {
    return { ok: true, ...checkNativeFrame(dataSet, 0, ts) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** Every file under ../shared/data that the reader accepts (others are not DICOM, or refused before any pixel check). */
function* sharedDicomObjects(): Generator<{ file: string; dataSet: DataSet; transferSyntaxUid: string }> {
  for (const file of listFiles(sharedDataDir)) {
    let read;
    try {
      read = readDicom(new Uint8Array(readFileSync(file)), DEFAULT_LIMITS);
    } catch {
      continue;
    }
    yield { file, dataSet: read.dataSet, transferSyntaxUid: read.transferSyntaxUid };
  }
}

function isNative(ts: string): boolean {
  try {
    return pixelEncodingOf(ts) === 'native';
  } catch {
    return false;
  }
}

/** A native monochrome element list with some attributes replaced (tag → new element). */
function withChanges(base: SyntheticElement[], changes: SyntheticElement[]): SyntheticElement[] {
  const key = (e: SyntheticElement) => e.tag.join(',');
  const replaced = new Map(changes.map((c) => [key(c), c]));
  const out = base.map((e) => replaced.get(key(e)) ?? e);
  for (const c of changes) if (!base.some((e) => key(e) === key(c))) out.splice(out.length - 1, 0, c); // before Pixel Data
  return out;
}

describe('checkNativeFrame agrees with decodeFrame', () => {
  it('on every native object in ../shared/data', async () => {
    let compared = 0;
    for (const { file, dataSet, transferSyntaxUid } of sharedDicomObjects()) {
      if (!dataSet.elements.x7fe00010 || dataSet.elements.x7fe00010.encapsulatedPixelData || !isNative(transferSyntaxUid)) continue;
      const decoded = await decodeOutcome(dataSet, transferSyntaxUid);
      expect({ file, outcome: checkOutcome(dataSet, transferSyntaxUid) }).toEqual({ file, outcome: decoded });
      compared++;
    }
    // ct, mr, mg, xa, xray, us, seg and the native renditions in compressed/ hold dozens of native objects.
    expect(compared).toBeGreaterThanOrEqual(40);
  });

  it('accepts a valid frame and reports its size', async () => {
    const ds = syntheticDataSet(monochrome(3, 5, 16, 2, new Uint8Array(3 * 5 * 2 * 2)));
    expect(checkOutcome(ds, EXPLICIT_LE)).toEqual({ ok: true, rows: 3, columns: 5 });
    expect(await decodeOutcome(ds, EXPLICIT_LE)).toEqual({ ok: true, rows: 3, columns: 5 });
  });

  const cases: { name: string; elements: SyntheticElement[]; reason: RegExp }[] = [
    {
      name: 'pixel data one byte short of the first frame',
      elements: monochrome(4, 4, 16, 1, new Uint8Array(31)),
      reason: /^pixel data holds 31 bytes, frame 0 needs 32$/,
    },
    {
      name: '1-bit frame whose last bit lies past the data (4×5 bits = 3 bytes needed)',
      elements: monochrome(4, 5, 1, 1, new Uint8Array(2)),
      reason: /^pixel data holds 2 bytes, frame 0 needs 3$/,
    },
    {
      name: 'BitsStored larger than BitsAllocated',
      elements: withChanges(monochrome(2, 2, 8, 1, new Uint8Array(4)), [{ tag: [0x0028, 0x0101], vr: 'US', value: 12 }]),
      reason: /^BitsStored 12 does not fit BitsAllocated 8$/,
    },
    {
      name: '1-bit colour',
      elements: withChanges(monochrome(2, 2, 1, 1, new Uint8Array(2)), [
        { tag: [0x0028, 0x0002], vr: 'US', value: 3 },
        { tag: [0x0028, 0x0004], vr: 'CS', value: 'RGB' },
      ]),
      reason: /^1-bit colour pixel data is not supported$/,
    },
    {
      name: 'YBR_FULL_422 with an odd number of columns',
      elements: withChanges(monochrome(2, 3, 8, 1, new Uint8Array(2 * 3 * 2)), [
        { tag: [0x0028, 0x0002], vr: 'US', value: 3 },
        { tag: [0x0028, 0x0004], vr: 'CS', value: 'YBR_FULL_422' },
      ]),
      reason: /^YBR_FULL_422 needs an even number of columns, got 3$/,
    },
    {
      name: 'retired YBR_PARTIAL_420 in native data',
      elements: withChanges(monochrome(2, 2, 8, 1, new Uint8Array(2 * 2 * 3)), [
        { tag: [0x0028, 0x0002], vr: 'US', value: 3 },
        { tag: [0x0028, 0x0004], vr: 'CS', value: 'YBR_PARTIAL_420' },
      ]),
      reason: /^converting YBR_PARTIAL_420 to RGB is not supported$/,
    },
  ];
  for (const c of cases) {
    it(`refuses like a decode: ${c.name}`, async () => {
      const ds = syntheticDataSet(c.elements);
      const decoded = await decodeOutcome(ds, EXPLICIT_LE);
      expect(decoded).toEqual({ ok: false, reason: expect.stringMatching(c.reason) });
      expect(checkOutcome(ds, EXPLICIT_LE)).toEqual(decoded);
    });
  }

  it('refuses to stand in for a decode of compressed data', () => {
    const ds = syntheticDataSet(monochrome(2, 2, 8, 1, new Uint8Array(4)));
    expect(() => checkNativeFrame(ds, 0, '1.2.840.10008.1.2.5')).toThrow(/not native/);
  });
});

async function checkFrameOutcome(dataSet: DataSet, ts: string): Promise<Outcome> {
  try {
    return { ok: true, ...(await checkFrame(dataSet, 0, ts, TOLERANT)) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

function outcomeOf<T>(run: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: run() };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

describe('checkFrame agrees with decodeFrame', () => {
  it('on frame 1 of every DICOM object with pixel data in ../shared/data, compressed ones included', async () => {
    const compared = { native: 0, compressed: 0, jpeg12: 0, refused: 0 };
    for (const { file, dataSet, transferSyntaxUid } of sharedDicomObjects()) {
      const pixels = dataSet.elements.x7fe00010;
      if (!pixels) continue;
      const decoded = await decodeOutcome(dataSet, transferSyntaxUid, TOLERANT);
      expect({ file, outcome: await checkFrameOutcome(dataSet, transferSyntaxUid) }).toEqual({ file, outcome: decoded });
      if (isNative(transferSyntaxUid)) compared.native++;
      else compared.compressed++;
      if (!decoded.ok) compared.refused++;
      if (pixels.encapsulatedPixelData && /\.4\.5[01]\b/.test(transferSyntaxUid)) {
        const frame = outcomeOf(() => readEncapsulatedFrame(dataSet, pixels, 0, 1));
        if (frame.ok && jpegSamplePrecision(frame.value) === 12) compared.jpeg12++;
      }
    }
    // Counted from ../shared/data: dozens of native objects, every codec in compressed/, enhanced CT/MR,
    // the 12-bit JPEGs (compressed/JPGExtended.dcm, ct/enhanced/…jpeg_baseline.51.dcm) and damaged files.
    expect(compared.native).toBeGreaterThanOrEqual(40);
    expect(compared.compressed).toBeGreaterThanOrEqual(15);
    expect(compared.jpeg12).toBeGreaterThanOrEqual(2);
    expect(compared.refused).toBeGreaterThanOrEqual(3);
  });

  it('checkJpegExtended refuses exactly what decodeJpegExtended refuses on damaged 12-bit codestreams', () => {
    const read = readDicom(new Uint8Array(readFileSync(sharedData('compressed', 'JPGExtended.dcm'))), DEFAULT_LIMITS);
    const frame = readEncapsulatedFrame(read.dataSet, read.dataSet.elements.x7fe00010!, 0, 1);
    expect(jpegSamplePrecision(frame)).toBe(12);
    const variants: Uint8Array[] = [frame];
    // Cut short at every 1/16 of its length, and single bytes overwritten at 64 spread positions (a fixed
    // stride, so the run is the same every time) with 0x00 and 0xFF (a false marker).
    for (let i = 1; i < 16; i++) variants.push(frame.slice(0, Math.floor((frame.length * i) / 16)));
    for (let i = 0; i < 64; i++) {
      const at = 2 + Math.floor(((frame.length - 4) * i) / 64);
      for (const value of [0x00, 0xff]) {
        const damaged = frame.slice();
        damaged[at] = value;
        variants.push(damaged);
      }
    }
    let refused = 0;
    for (const [i, v] of variants.entries()) {
      const decoded = outcomeOf(() => decodeJpegExtended(v));
      const expected = decoded.ok
        ? { ok: true, value: { width: decoded.value.width, height: decoded.value.height, components: decoded.value.components } }
        : decoded;
      expect({ i, outcome: outcomeOf(() => checkJpegExtended(v)) }).toEqual({ i, outcome: expected });
      if (!decoded.ok) refused++;
    }
    // The intact frame decodes; the cuts are refused (they end inside the entropy-coded data or before EOI).
    expect(outcomeOf(() => checkJpegExtended(frame)).ok).toBe(true);
    expect(refused).toBeGreaterThanOrEqual(15);
  });
});
