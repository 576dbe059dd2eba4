import type { DataSet } from 'dicom-parser';
import { DEFAULT_LIMITS } from '../../types';

/** Photometric interpretations we can turn into one of DecodedFrame's outputs. */
export type StoredPhotometric =
  | 'MONOCHROME1'
  | 'MONOCHROME2'
  | 'RGB'
  | 'PALETTE COLOR'
  | 'YBR_FULL'
  | 'YBR_FULL_422'
  | 'YBR_ICT'
  | 'YBR_RCT'
  | 'YBR_PARTIAL_422'
  | 'YBR_PARTIAL_420';

const KNOWN_PHOTOMETRICS: readonly string[] = [
  'MONOCHROME1',
  'MONOCHROME2',
  'RGB',
  'PALETTE COLOR',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_ICT',
  'YBR_RCT',
  'YBR_PARTIAL_422',
  'YBR_PARTIAL_420',
];

/** The Image Pixel module attributes that decide how a frame's bytes become values. */
export interface PixelModule {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  bitsAllocated: 1 | 8 | 16 | 32;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
  /** 0: samples interleaved per pixel; 1: one plane per sample (only meaningful for native colour). */
  planarConfiguration: 0 | 1;
  photometric: StoredPhotometric;
  numberOfFrames: number;
}

/** Largest decoded frame we allocate; the same bound the import limits apply to a whole object. */
export const MAX_FRAME_BYTES = DEFAULT_LIMITS.maxPixelBytes;

/**
 * Reads and validates the Image Pixel module. Every number that later sizes an allocation is checked
 * here, so a hostile header cannot make the decoder allocate gigabytes or index out of range.
 */
export function readPixelModule(dataSet: DataSet): PixelModule {
  const rows = dataSet.uint16('x00280010');
  const columns = dataSet.uint16('x00280011');
  if (!rows || !columns) throw new Error(`image has no usable size (Rows ${rows ?? 'absent'}, Columns ${columns ?? 'absent'})`);

  const spp = dataSet.uint16('x00280002') ?? 1;
  if (spp !== 1 && spp !== 3) throw new Error(`SamplesPerPixel ${spp} is not supported (only 1 or 3)`);

  const ba = dataSet.uint16('x00280100');
  if (ba !== 1 && ba !== 8 && ba !== 16 && ba !== 32) {
    throw new Error(`BitsAllocated ${ba ?? 'absent'} is not supported (only 1, 8, 16 or 32)`);
  }
  const bitsStored = dataSet.uint16('x00280101') ?? ba;
  const highBit = dataSet.uint16('x00280102') ?? bitsStored - 1;
  if (bitsStored < 1 || bitsStored > ba) throw new Error(`BitsStored ${bitsStored} does not fit BitsAllocated ${ba}`);
  if (highBit < bitsStored - 1 || highBit >= ba) {
    throw new Error(`HighBit ${highBit} is inconsistent with BitsStored ${bitsStored} / BitsAllocated ${ba}`);
  }

  const pr = dataSet.uint16('x00280103') ?? 0;
  if (pr !== 0 && pr !== 1) throw new Error(`PixelRepresentation ${pr} is invalid`);
  const pc = spp === 3 ? (dataSet.uint16('x00280006') ?? 0) : 0;
  if (pc !== 0 && pc !== 1) throw new Error(`PlanarConfiguration ${pc} is invalid`);

  // Trailing pad spaces are common; a missing value is read as the most common grey interpretation.
  const photometricRaw = (dataSet.string('x00280004') ?? (spp === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase();
  if (!KNOWN_PHOTOMETRICS.includes(photometricRaw)) {
    throw new Error(`PhotometricInterpretation ${photometricRaw} is not supported`);
  }
  const photometric = photometricRaw as StoredPhotometric;
  const colour = photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2' && photometric !== 'PALETTE COLOR';
  if (colour !== (spp === 3)) {
    throw new Error(`PhotometricInterpretation ${photometric} does not match SamplesPerPixel ${spp}`);
  }

  const framesText = dataSet.string('x00280008');
  let numberOfFrames = 1;
  if (framesText !== undefined && framesText.trim() !== '') {
    if (!/^\s*\+?\d+\s*$/.test(framesText)) throw new Error(`NumberOfFrames '${framesText}' is not an integer`);
    numberOfFrames = Number.parseInt(framesText, 10);
    if (numberOfFrames < 1) throw new Error(`NumberOfFrames ${numberOfFrames} is not positive`);
  }

  const module: PixelModule = {
    rows,
    columns,
    samplesPerPixel: spp,
    bitsAllocated: ba,
    bitsStored,
    highBit,
    pixelRepresentation: pr,
    planarConfiguration: pc,
    photometric,
    numberOfFrames,
  };
  const decodedBytes = rows * columns * spp * bytesPerOutputSample(module);
  if (decodedBytes > MAX_FRAME_BYTES) {
    throw new Error(
      `one frame would decode to ${decodedBytes} bytes (${rows}x${columns}x${spp}), over the ${MAX_FRAME_BYTES}-byte limit`,
    );
  }
  return module;
}

/** Bytes per value in the returned typed array (1-bit data is returned one byte per pixel). */
export function bytesPerOutputSample(module: Pick<PixelModule, 'bitsAllocated'>): number {
  return module.bitsAllocated === 1 ? 1 : module.bitsAllocated / 8;
}

/** Number of samples in one decoded frame (rows × columns × samples per pixel). */
export function samplesPerFrame(module: PixelModule): number {
  return module.rows * module.columns * module.samplesPerPixel;
}
