// Independent reading of the CT phantom's slices for the measurement tests: dicom-parser on the original
// files (not the app's loader), rescale applied, so expected HU values come from the bytes themselves.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';

export interface CtSlice {
  file: string;
  z: number;
  rows: number;
  columns: number;
  /** [row spacing, column spacing] in mm. */
  pixelSpacing: [number, number];
  /** Hounsfield units, row-major. */
  hu: Float32Array;
}

export function readCtSlice(file: string): CtSlice {
  const bytes = readFileSync(file);
  const ds = dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const [rowSpacing = NaN, colSpacing = NaN] = (ds.string('x00280030') ?? '').split('\\').map(Number);
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const signed = ds.uint16('x00280103') === 1;
  const pixels = ds.elements['x7fe00010'];
  if (!pixels || ds.uint16('x00280100') !== 16) throw new Error(`${file}: expected 16-bit native pixel data`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + pixels.dataOffset, rows * columns * 2);
  const hu = new Float32Array(rows * columns);
  for (let i = 0; i < hu.length; i++) hu[i] = (signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true)) * slope + intercept;
  const z = Number((ds.string('x00200032') ?? '').split('\\')[2]);
  return { file, z, rows, columns, pixelSpacing: [rowSpacing, colSpacing], hu };
}

/** The slice of a series folder at a table position (the overlay prints "Z 806.2 mm"). */
export function ctSliceAtZ(folder: string, z: number): CtSlice {
  const files = readdirSync(folder).map((f) => path.join(folder, f));
  for (const file of files) {
    const slice = readCtSlice(file);
    if (Math.abs(slice.z - z) < 0.06) return slice;
  }
  throw new Error(`no slice at Z ${z} in ${folder}`);
}

/** Mean and population SD of the pixels whose centres lie inside an axis-aligned ellipse (pixel units). */
export function ellipseStats(slice: CtSlice, cx: number, cy: number, rx: number, ry: number): { mean: number; sd: number; n: number } {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let j = Math.max(0, Math.floor(cy - ry)); j <= Math.min(slice.rows - 1, Math.ceil(cy + ry)); j++) {
    for (let i = Math.max(0, Math.floor(cx - rx)); i <= Math.min(slice.columns - 1, Math.ceil(cx + rx)); i++) {
      const dx = (i + 0.5 - cx) / rx;
      const dy = (j + 0.5 - cy) / ry;
      if (dx * dx + dy * dy > 1) continue;
      const v = slice.hu[j * slice.columns + i] ?? 0;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = sum / n;
  return { mean, sd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), n };
}
