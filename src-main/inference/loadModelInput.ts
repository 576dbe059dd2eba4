import { readFile } from 'node:fs/promises';
import { rgbaToRgb } from '../ml/preprocess/rgbaToRgb';
import type { RgbImage } from '../ml/preprocess/types';
import type { VoiWindow } from '../ml/preprocess/windowPresets';
import { readDicom } from '../parsing/dicom/readDicom';
import { readEcgFile } from '../parsing/ecg/readEcgFile';
import { readNiftiVolume } from '../parsing/nifti/readNiftiVolume';
import { readPhoto } from '../parsing/photo/readPhoto';
import { DEFAULT_LIMITS, type EcgRecord } from '../parsing/types';
import { dicomFrameRgb } from './dicomFrameRgb';
import type { ModelInputRef } from './modelInputRef';
import { niftiSliceRgb } from './niftiSliceRgb';

export type LoadedInput = { type: 'image'; rgb: RgbImage; ref: string } | { type: 'ecg'; record: EcgRecord; ref: string };

export interface LoadOptions {
  /** Window for CT images fed to the model: the package's `preprocessing.ctWindow` (the reference data prep's W700/L80 for qoq-med-nano). */
  ctWindow: VoiWindow;
}

/**
 * Reads one selected input from the object store and turns it into what the model consumes: an 8-bit RGB
 * picture (as a viewer shows it) or an ECG in microvolts. Runs in the inference process: stored files were
 * checked at import, but they are still bytes from outside and are parsed with the same limits.
 */
export async function loadModelInput(input: ModelInputRef, opts: LoadOptions): Promise<LoadedInput> {
  switch (input.kind) {
    case 'dicom':
      return { type: 'image', rgb: await dicomFrameRgb(readDicom(await readFile(input.path), DEFAULT_LIMITS), input.frame, input.modality === 'CT' ? opts.ctWindow : undefined), ref: input.ref };
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

