import { minMaxWindow } from './minMaxWindow';
import type { RgbImage } from './types';
import { voiLinear } from './voiLinear';
import type { VoiWindow } from './windowPresets';

/** One decoded frame (decodeFrame's DecodedFrame satisfies this): stored values, colour interleaved. */
export interface StoredFrame {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  pixels: ArrayLike<number>;
}

export type Photometric = 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'PALETTE COLOR';

export interface DisplayOptions {
  /** Modality LUT (0028,1053); 1 when the file has none. */
  rescaleSlope: number;
  /** Modality LUT (0028,1052); 0 when the file has none. */
  rescaleIntercept: number;
  /** First value of Window Center (0028,1050) from the file, if any. */
  windowCenter?: number;
  /** First value of Window Width (0028,1051) from the file, if any. */
  windowWidth?: number;
  /**
   * A window the caller chose — a named preset (`WINDOW_PRESETS[name]`) or a model package's own CT window
   * (manifest `preprocessing.ctWindow`). When given it wins over the file's window (an explicit
   * user/model choice); reported with source 'preset'.
   */
  window?: VoiWindow;
  photometric: Photometric;
}

export type WindowSource = 'preset' | 'file' | 'min-max';

export interface DisplayRgb extends RgbImage {
  /** The VOI window actually applied (modality units); absent for colour input. */
  window?: VoiWindow & { source: WindowSource };
  warnings: string[];
}

/**
 * Turns stored pixel values into the 8-bit RGB picture the vision encoder sees, the way a DICOM viewer
 * would show it: modality LUT (slope/intercept) → VOI linear window (PS3.3 C.11.2.1.2.1) → MONOCHROME1
 * inverted → grey copied to R, G and B. Window choice: the caller's (a preset or the model package's),
 * else the file's, else min–max of the frame (MR and other relative-scale modalities have no absolute
 * window that fits every series).
 * Colour (RGB) passes through, clamped to 0..255. PALETTE COLOR needs the palette LUT, which is not
 * applied here, so it is refused rather than shown as meaningless grey.
 */
export function toDisplayRgb(frame: StoredFrame, options: DisplayOptions): DisplayRgb {
  const { rows, columns, samplesPerPixel, pixels } = frame;
  const n = rows * columns;
  if (!(Number.isInteger(rows) && rows > 0 && Number.isInteger(columns) && columns > 0)) {
    throw new RangeError(`toDisplayRgb: bad frame size ${columns}x${rows}`);
  }
  if (pixels.length < n * samplesPerPixel) {
    throw new RangeError(`toDisplayRgb: ${pixels.length} values for ${columns}x${rows}x${samplesPerPixel}`);
  }
  const data = new Uint8Array(n * 3);
  if (options.photometric === 'PALETTE COLOR') throw new Error('toDisplayRgb: PALETTE COLOR is not supported');
  if (options.photometric === 'RGB') {
    if (samplesPerPixel !== 3) throw new Error('toDisplayRgb: RGB photometric needs 3 samples per pixel');
    for (let i = 0; i < n * 3; i++) data[i] = clampByte(pixels[i] as number);
    return { width: columns, height: rows, data, warnings: [] };
  }
  if (samplesPerPixel !== 1) throw new Error(`toDisplayRgb: ${options.photometric} needs 1 sample per pixel`);

  const { rescaleSlope: slope, rescaleIntercept: intercept } = options;
  if (!Number.isFinite(slope) || slope === 0 || !Number.isFinite(intercept)) {
    throw new RangeError(`toDisplayRgb: bad rescale slope/intercept ${slope}/${intercept}`);
  }
  const modality = new Float64Array(n);
  for (let i = 0; i < n; i++) modality[i] = (pixels[i] as number) * slope + intercept;

  const warnings: string[] = [];
  const window = chooseWindow(modality, options, warnings);
  const invert = options.photometric === 'MONOCHROME1';
  for (let i = 0; i < n; i++) {
    const grey = Math.round(voiLinear(modality[i] as number, window.center, window.width));
    const v = invert ? 255 - grey : grey;
    data[i * 3] = v;
    data[i * 3 + 1] = v;
    data[i * 3 + 2] = v;
  }
  return { width: columns, height: rows, data, window, warnings };
}

function chooseWindow(modality: Float64Array, options: DisplayOptions, warnings: string[]): VoiWindow & { source: WindowSource } {
  if (options.window !== undefined) {
    const { center, width } = options.window;
    if (!(Number.isFinite(center) && Number.isFinite(width) && width >= 1)) throw new RangeError(`toDisplayRgb: bad window C=${center} W=${width}`);
    return { center, width, source: 'preset' };
  }
  const { windowCenter: center, windowWidth: width } = options;
  if (center !== undefined && width !== undefined) {
    // A width below 1 violates PS3.3; showing min–max beats refusing a study over one bad header value.
    if (Number.isFinite(center) && Number.isFinite(width) && width >= 1) return { center, width, source: 'file' };
    warnings.push(`file window C=${center} W=${width} is invalid; used min-max of the frame`);
  }
  return { ...minMaxWindow(modality), source: 'min-max' };
}

function clampByte(v: number): number {
  return v <= 0 || Number.isNaN(v) ? 0 : v >= 255 ? 255 : Math.round(v);
}
