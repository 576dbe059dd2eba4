import { readFile } from 'node:fs/promises';
import type { WindowPreset } from '../ml/preprocess/windowPresets';
import type { RgbImage } from '../ml/preprocess/types';
import { rgbaToRgb } from '../ml/preprocess/rgbaToRgb';
import { toDisplayRgb } from '../ml/preprocess/toDisplayRgb';
import { decodeFrame } from '../parsing/dicom/pixels/decodeFrame';
import { readDicom } from '../parsing/dicom/readDicom';
import { readGeometry } from '../parsing/dicom/readGeometry';
import { readEcgFile } from '../parsing/ecg/readEcgFile';
import { readNiftiVolume } from '../parsing/nifti/readNiftiVolume';
import { readPhoto } from '../parsing/photo/readPhoto';
import { DEFAULT_LIMITS, type EcgRecord } from '../parsing/types';
import type { ModelInputRef } from './modelInputRef';
import { niftiSliceRgb } from './niftiSliceRgb';

export type LoadedInput = { type: 'image'; rgb: RgbImage; ref: string } | { type: 'ecg'; record: EcgRecord; ref: string };

export interface LoadOptions {
  /** Window for CT images fed to the model (the reference data prep uses W700/L80). */
  ctPreset: WindowPreset;
}

/**
 * Reads one selected input from the object store and turns it into what the model consumes: an 8-bit RGB
 * picture (as a viewer shows it) or an ECG in microvolts. Runs in the inference process: stored files were
 * checked at import, but they are still bytes from outside and are parsed with the same limits.
 */
export async function loadModelInput(input: ModelInputRef, opts: LoadOptions): Promise<LoadedInput> {
  switch (input.kind) {
    case 'dicom':
      return { type: 'image', rgb: await dicomFrameRgb(input.path, input.frame, input.modality === 'CT' ? opts.ctPreset : undefined), ref: input.ref };
    case 'photo': {
      const photo = await readPhoto(input.path);
      return { type: 'image', rgb: rgbaToRgb(photo.width, photo.height, photo.rgba), ref: input.ref };
    }
    case 'nifti':
      return { type: 'image', rgb: niftiSliceRgb(await readNiftiVolume(input.path), input.slice), ref: input.ref };
    case 'ecg':
      return { type: 'ecg', record: await readEcgFile(input.path, input.format), ref: input.ref };
  }
}

async function dicomFrameRgb(path: string, frame: number, preset: WindowPreset | undefined): Promise<RgbImage> {
  const read = readDicom(await readFile(path), DEFAULT_LIMITS);
  const warnings: string[] = [];
  const geometry = readGeometry(read.dataSet, warnings);
  const decoded = await decodeFrame(read.dataSet, frame, read.transferSyntaxUid, { acceptUnterminatedEncapsulation: true });
  return toDisplayRgb(decoded, {
    rescaleSlope: geometry?.rescaleSlope ?? 1,
    rescaleIntercept: geometry?.rescaleIntercept ?? 0,
    ...(geometry?.windowCenter !== undefined ? { windowCenter: geometry.windowCenter } : {}),
    ...(geometry?.windowWidth !== undefined ? { windowWidth: geometry.windowWidth } : {}),
    ...(preset ? { preset } : {}),
    photometric: decoded.photometric,
  });
}
