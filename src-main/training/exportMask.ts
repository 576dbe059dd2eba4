/**
 * The ground-truth mask a record names (`segmentation_path`), in a form the reference reward reads: a
 * 2-D image whose nonzero pixels are inside (its IoU uses the mask when nonempty, notes §3).
 *  - PNG/JPEG masks are kept byte for byte;
 *  - DICOM SEG (or any DICOM mask) and NIfTI label maps become an 8-bit {0, 255} PNG. Their several
 *    frames/slices (segments, or the slices of a volume) are united into one footprint: the reference
 *    record has one mask per record, as it has one bbox, and the footprint covers every slice's lesion.
 *    A FRACTIONAL SEG counts a pixel as inside from half its Maximum Fractional Value up.
 *  - NIfTI rows are flipped exactly as the image slices are (niftiSliceRgb), so mask and image align.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { decodeFrame } from '../parsing/dicom/pixels/decodeFrame';
import { readDicom } from '../parsing/dicom/readDicom';
import { readFrameCount } from '../parsing/dicom/readFrameCount';
import { readNiftiVolume } from '../parsing/nifti/readNiftiVolume';
import type { ParseLimits } from '../parsing/types';
import { encodeMaskAsPng } from './exportPng';
import { sourceKind } from './exportSourceKind';

export type ExportedMask = { readonly kind: 'copy' } | { readonly kind: 'png'; readonly bytes: Uint8Array };

const SEGMENTATION_TYPE = 'x00620001';
const MAX_FRACTIONAL_VALUE = 'x00620014';

export async function exportMask(file: string, limits: ParseLimits): Promise<ExportedMask> {
  const kind = sourceKind(file);
  switch (kind) {
    case 'png':
    case 'jpeg':
      return { kind: 'copy' };
    case 'dicom':
      return { kind: 'png', bytes: await dicomMask(file, limits) };
    case 'nifti':
      return { kind: 'png', bytes: await niftiMask(file, limits) };
    default:
      throw new Error(`not a mask the export can convert (${kind}): ${file}`);
  }
}

async function dicomMask(file: string, limits: ParseLimits): Promise<Uint8Array> {
  const { size } = statSync(file);
  if (size > limits.maxFileBytes) throw new Error(`${file} is ${size} bytes, over the limit of ${limits.maxFileBytes}`);
  const read = readDicom(await readFile(file), limits);
  if (read.pixelDataDamage) throw new Error(`${file}: ${read.pixelDataDamage}`);
  const fractional = read.dataSet.string(SEGMENTATION_TYPE)?.trim().toUpperCase() === 'FRACTIONAL';
  const threshold = fractional ? (read.dataSet.uint16(MAX_FRACTIONAL_VALUE) ?? 255) / 2 : 1;
  const frames = readFrameCount(read.dataSet, []);
  let inside: Uint8Array | undefined;
  let width = 0;
  let height = 0;
  for (let f = 0; f < frames; f++) {
    const frame = await decodeFrame(read.dataSet, f, read.transferSyntaxUid, { acceptUnterminatedEncapsulation: true });
    if (frame.samplesPerPixel !== 1) throw new Error(`${file}: a mask must have one sample per pixel`);
    if (!inside) {
      width = frame.columns;
      height = frame.rows;
      inside = new Uint8Array(width * height);
    }
    for (let i = 0; i < inside.length; i++) if ((frame.pixels[i] as number) >= threshold) inside[i] = 1;
  }
  if (!inside) throw new Error(`${file}: no frames`);
  return encodeMaskAsPng(width, height, inside);
}

async function niftiMask(file: string, limits: ParseLimits): Promise<Uint8Array> {
  const volume = await readNiftiVolume(file, limits);
  const [nx = 1, ny = 1, nz = 1] = volume.dims;
  if (volume.data.length < nx * ny * nz) throw new Error(`${file}: NIfTI data type ${volume.datatype} is not a scalar volume`);
  const inside = new Uint8Array(nx * ny);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (Number(volume.data[z * nx * ny + y * nx + x]) !== 0) inside[(ny - 1 - y) * nx + x] = 1;
      }
    }
  }
  return encodeMaskAsPng(nx, ny, inside);
}
