/**
 * Turns one image a record names into what the reference trainer's loader (PIL) reads, the way the
 * workstation's own inference sees it (src-main/inference/loadModelInput.ts), so a model fine-tuned on
 * the export and run here gets the same pixels:
 *  - PNG/JPEG photos: kept byte for byte (PIL reads them; re-encoding JPEG would lose quality);
 *  - TIFF photos: decoded and written as PNG (the workstation reads TIFF layouts PIL builds may not);
 *  - DICOM: modality LUT → VOI window (CT: the reference data prep's W700/L80; others: the file's window,
 *    else the frame's min–max) → MONOCHROME1 inverted → 8-bit PNG. A multi-frame object, a folder of
 *    DICOM slices (a series) and a NIfTI volume become the selected slices, one PNG each.
 * Decoding goes through src-main/parsing with its limits (sizes checked before allocation).
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSet } from 'dicom-parser';
import { dicomFrameRgb } from '../inference/dicomFrameRgb';
import { niftiSliceRgb } from '../inference/niftiSliceRgb';
import { rgbaToRgb } from '../ml/preprocess/rgbaToRgb';
import { selectSlices, type SliceSelection } from '../ml/preprocess/selectSlices';
import type { DisplayRgb } from '../ml/preprocess/toDisplayRgb';
import { WINDOW_PRESETS, type WindowPreset } from '../ml/preprocess/windowPresets';
import { TAG } from '../parsing/dicom/dicomTags';
import { readDicom, type DicomReadResult } from '../parsing/dicom/readDicom';
import { readFrameCount } from '../parsing/dicom/readFrameCount';
import { readNiftiVolume } from '../parsing/nifti/readNiftiVolume';
import { readPhoto } from '../parsing/photo/readPhoto';
import type { ParseLimits } from '../parsing/types';
import { encodeRgbAsPng } from './exportPng';
import { sourceKind } from './exportSourceKind';

export interface ImageExportSettings {
  /** Which slices of a volume become images (the reference feeds the first and last, notes §7). */
  slices: SliceSelection;
  /** Window for CT (the reference data prep's W700/L80 by default). */
  ctPreset: WindowPreset;
  limits: ParseLimits;
}

/** One exported picture: `suffix` is appended to the source's relative path ('' = the name is kept). */
export type ExportedImage =
  | { readonly kind: 'copy' }
  | { readonly kind: 'png'; readonly suffix: string; readonly bytes: Uint8Array; readonly window?: DisplayRgb['window']; readonly slice?: number };

/** The images one source becomes, in slice order. */
export async function exportImage(file: string, settings: ImageExportSettings): Promise<ExportedImage[]> {
  const kind = sourceKind(file);
  switch (kind) {
    case 'png':
    case 'jpeg':
      return [{ kind: 'copy' }];
    case 'tiff': {
      const photo = await readPhoto(file, settings.limits);
      return [{ kind: 'png', suffix: '.png', bytes: encodeRgbAsPng(rgbaToRgb(photo.width, photo.height, photo.rgba)) }];
    }
    case 'nifti':
      return niftiImages(file, settings);
    case 'dicom':
      return dicomFileImages(file, settings);
    case 'dicom-series':
      return dicomSeriesImages(file, settings);
    default:
      throw new Error(`not an image the export can convert (${kind}): ${file}`);
  }
}

const sliceSuffix = (index: number): string => `.s${String(index).padStart(4, '0')}.png`;

async function niftiImages(file: string, settings: ImageExportSettings): Promise<ExportedImage[]> {
  const volume = await readNiftiVolume(file, settings.limits);
  const depth = volume.dims[2] ?? 1;
  if (depth === 1) return [{ kind: 'png', suffix: '.png', bytes: encodeRgbAsPng(niftiSliceRgb(volume, 0)) }];
  return selectSlices(depth, settings.slices).map((z) => ({ kind: 'png', suffix: sliceSuffix(z), bytes: encodeRgbAsPng(niftiSliceRgb(volume, z)), slice: z }));
}

async function readDicomFile(file: string, limits: ParseLimits): Promise<DicomReadResult> {
  // The size is checked before the bytes are read (readDicom checks it again on the bytes).
  const { size } = statSync(file);
  if (size > limits.maxFileBytes) throw new Error(`${file} is ${size} bytes, over the limit of ${limits.maxFileBytes}`);
  const read = readDicom(await readFile(file), limits);
  if (read.pixelDataDamage) throw new Error(`${file}: ${read.pixelDataDamage}`);
  return read;
}

/** One frame as the model sees it: the CT preset for CT, else the file's own window. */
function dicomFrameDisplay(read: DicomReadResult, frame: number, ctPreset: WindowPreset): Promise<DisplayRgb> {
  const modality = read.dataSet.string(TAG.modality)?.trim().toUpperCase();
  return dicomFrameRgb(read, frame, modality === 'CT' ? WINDOW_PRESETS[ctPreset] : undefined);
}

const png = (display: DisplayRgb, suffix: string, slice?: number): ExportedImage => ({
  kind: 'png',
  suffix,
  bytes: encodeRgbAsPng(display),
  ...(display.window ? { window: display.window } : {}),
  ...(slice !== undefined ? { slice } : {}),
});

async function dicomFileImages(file: string, settings: ImageExportSettings): Promise<ExportedImage[]> {
  const read = await readDicomFile(file, settings.limits);
  const frames = readFrameCount(read.dataSet, []);
  if (frames === 1) return [png(await dicomFrameDisplay(read, 0, settings.ctPreset), '.png')];
  const out: ExportedImage[] = [];
  for (const f of selectSlices(frames, settings.slices)) out.push(png(await dicomFrameDisplay(read, f, settings.ctPreset), sliceSuffix(f), f));
  return out;
}

interface SeriesSlice {
  file: string;
  position: number | undefined;
  instanceNumber: number | undefined;
}

/**
 * A folder holding one DICOM series: its slices ordered along the slice normal (else by Instance
 * Number, else by name), then the selected ones decoded. Files that are not DICOM are ignored (a
 * series folder often carries a DICOMDIR or notes); a second series in the folder is an error, since
 * which one the record means is unknowable.
 */
async function dicomSeriesImages(dir: string, settings: ImageExportSettings): Promise<ExportedImage[]> {
  const slices: SeriesSlice[] = [];
  const seriesUids = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (!statSync(file).isFile() || sourceKind(file) !== 'dicom') continue;
    let read: DicomReadResult;
    try {
      read = await readDicomFile(file, settings.limits);
    } catch {
      continue;
    }
    if (!read.dataSet.elements['x7fe00010']) continue;
    seriesUids.add(read.dataSet.string(TAG.seriesInstanceUid)?.trim() ?? '');
    slices.push({ file, position: slicePosition(read.dataSet), instanceNumber: read.dataSet.intString(TAG.instanceNumber) });
  }
  if (slices.length === 0) throw new Error(`${dir}: no DICOM image in the folder`);
  if (seriesUids.size > 1) throw new Error(`${dir}: holds ${seriesUids.size} series; name one series folder per record`);
  slices.sort(bySlicePosition);
  const out: ExportedImage[] = [];
  for (const k of selectSlices(slices.length, settings.slices)) {
    const read = await readDicomFile(slices[k]!.file, settings.limits);
    out.push(png(await dicomFrameDisplay(read, 0, settings.ctPreset), sliceSuffix(k), k));
  }
  return out;
}

function bySlicePosition(a: SeriesSlice, b: SeriesSlice): number {
  if (a.position !== undefined && b.position !== undefined && a.position !== b.position) return a.position - b.position;
  if (a.instanceNumber !== undefined && b.instanceNumber !== undefined && a.instanceNumber !== b.instanceNumber) return a.instanceNumber - b.instanceNumber;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Image Position (Patient) projected on the slice normal (row × column direction cosines). */
function slicePosition(dataSet: DataSet): number | undefined {
  const ipp = numbers(dataSet.string(TAG.imagePositionPatient), 3);
  const iop = numbers(dataSet.string(TAG.imageOrientationPatient), 6);
  if (!ipp || !iop) return undefined;
  const [r0, r1, r2, c0, c1, c2] = iop as [number, number, number, number, number, number];
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0] as const;
  return ipp[0]! * normal[0] + ipp[1]! * normal[1] + ipp[2]! * normal[2];
}

function numbers(text: string | undefined, count: number): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.split('\\').map((s) => Number(s.trim()));
  return values.length === count && values.every(Number.isFinite) ? values : undefined;
}
