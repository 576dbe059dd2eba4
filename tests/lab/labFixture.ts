import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { PNG } from 'pngjs';
import { LAB_DOMAIN_NAMES, LAB_DOMAINS, type LabDomain, type LabRecord } from '../../src-main/lab';
import { decodeFrame } from '../../src-main/parsing/dicom/pixels/decodeFrame';

/** One study per label in every domain: the smallest lab that exercises every generator branch. */
export const ONE_PER_LABEL = Object.fromEntries(LAB_DOMAIN_NAMES.map((d) => [d, LAB_DOMAINS[d].labels.length])) as Record<LabDomain, number>;

export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out;
}

export function readManifest(root: string): LabRecord[] {
  return readFileSync(path.join(root, 'lab-manifest.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LabRecord);
}

/** Decodes a DICOM file's first frame with the project's own reader; values after Rescale Slope/Intercept. */
export async function readDicomValues(file: string): Promise<{ width: number; height: number; values: Float64Array; raw: ArrayLike<number> }> {
  const dataSet = dicomParser.parseDicom(new Uint8Array(readFileSync(file)));
  const frame = await decodeFrame(dataSet, 0, dataSet.string('x00020010') ?? '');
  const slope = Number(dataSet.string('x00281053') ?? 1);
  const intercept = Number(dataSet.string('x00281052') ?? 0);
  const values = Float64Array.from(frame.pixels as ArrayLike<number>, (v) => v * slope + intercept);
  return { width: frame.columns, height: frame.rows, values, raw: frame.pixels as ArrayLike<number> };
}

/** PNG as luma (photos) or grey level (masks). */
export function readPngLuma(file: string): { width: number; height: number; luma: Float64Array; rgba: Uint8Array } {
  const png = PNG.sync.read(readFileSync(file));
  const luma = new Float64Array(png.width * png.height);
  for (let i = 0; i < luma.length; i++) luma[i] = 0.299 * png.data[4 * i]! + 0.587 * png.data[4 * i + 1]! + 0.114 * png.data[4 * i + 2]!;
  return { width: png.width, height: png.height, luma, rgba: new Uint8Array(png.data) };
}
