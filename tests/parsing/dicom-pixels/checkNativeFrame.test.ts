/**
 * checkNativeFrame replaces the decode of the first native frame at import (verifyPixels). It is only
 * acceptable if it refuses exactly what decodeFrame refuses, with the same reason, and accepts the rest:
 * checked here against a real decode on every native object in ../shared/data (malformed files
 * included) and on crafted headers for each way a native decode can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { checkNativeFrame, decodeFrame } from '../../../src-main/parsing/dicom/pixels/decodeFrame';
import { pixelEncodingOf } from '../../../src-main/parsing/dicom/pixels/transferSyntax';
import { readDicom } from '../../../src-main/parsing/dicom/readDicom';
import { DEFAULT_LIMITS } from '../../../src-main/parsing/types';
import { sharedDataDir } from '../../helpers/sharedData';
import { monochrome, syntheticDataSet, type SyntheticElement } from './syntheticDataSet';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

type Outcome = { ok: true; rows: number; columns: number } | { ok: false; reason: string };

async function decodeOutcome(dataSet: DataSet, ts: string): Promise<Outcome> {
  try {
    const d = await decodeFrame(dataSet, 0, ts);
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
    for (const file of listFiles(sharedDataDir)) {
      let read;
      try {
        read = readDicom(new Uint8Array(readFileSync(file)), DEFAULT_LIMITS);
      } catch {
        continue; // not DICOM, or refused before any pixel check
      }
      const { dataSet, transferSyntaxUid } = read;
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
