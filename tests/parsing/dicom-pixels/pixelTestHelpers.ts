import dicomParser, { type DataSet } from 'dicom-parser';
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { decodeFrame, type DecodedFrame, type DecodeOptions } from '../../../src-main/parsing/dicom/pixels/decodeFrame';
import { sharedData } from '../../helpers/sharedData';

/** Parses a corpus file the way the header reader does (deflate supported); returns the data set and its TS. */
export function loadDicom(...parts: string[]): { dataSet: DataSet; transferSyntax: string } {
  const bytes = new Uint8Array(readFileSync(sharedData(...parts)));
  const dataSet = dicomParser.parseDicom(bytes, {
    // Deflated files: dicom-parser hands us the bytes and the position where the deflated data set starts.
    inflater: (arr: Uint8Array, position: number) => {
      const inflated = inflateRawSync(arr.subarray(position));
      const out = new Uint8Array(position + inflated.length);
      out.set(arr.subarray(0, position));
      out.set(inflated, position);
      return out;
    },
  } as dicomParser.ParseDicomOptions);
  return { dataSet, transferSyntax: dataSet.string('x00020010') ?? '' };
}

export async function decodeFile(file: string[], frame = 0, options?: DecodeOptions): Promise<DecodedFrame> {
  const { dataSet, transferSyntax } = loadDicom(...file);
  return decodeFrame(dataSet, frame, transferSyntax, options);
}

export function frameCount(...parts: string[]): number {
  return Number.parseInt(loadDicom(...parts).dataSet.string('x00280008') ?? '1', 10);
}

/** Max absolute difference and RMSE between two equally long pixel arrays. */
export function difference(a: ArrayLike<number>, b: ArrayLike<number>): { maxAbs: number; rmse: number; mean: number } {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let maxAbs = 0;
  let sse = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    sum += d;
    sse += d * d;
    if (Math.abs(d) > maxAbs) maxAbs = Math.abs(d);
  }
  return { maxAbs, rmse: Math.sqrt(sse / a.length), mean: sum / a.length };
}

export function range(a: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Per-channel sums of interleaved RGB pixels. */
export function channelSums(a: ArrayLike<number>): [number, number, number] {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i + 2 < a.length; i += 3) {
    r += a[i] as number;
    g += a[i + 1] as number;
    b += a[i + 2] as number;
  }
  return [r, g, b];
}

/**
 * Asserts two decoded frames hold identical values in the same typed-array kind. Compares with a plain
 * loop because deep equality on 100k+ element typed arrays is slow and prints unreadable diffs.
 */
export function expectSamePixels(actual: DecodedFrame, expected: DecodedFrame): void {
  expect(actual.pixels.constructor).toBe(expected.pixels.constructor);
  expect(actual.pixels.length).toBe(expected.pixels.length);
  const firstMismatch = actual.pixels.findIndex((v: number, i: number) => v !== expected.pixels[i]);
  expect(firstMismatch, `first differing sample at index ${firstMismatch}`).toBe(-1);
}
