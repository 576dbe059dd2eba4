// PLACEHOLDER owned by the pixel-decoding work: replaced with the real implementation.
import type { DataSet } from 'dicom-parser';

/** One decoded frame: stored values (sign per PixelRepresentation), colour as interleaved RGB. */
export interface DecodedFrame {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  /** Photometric interpretation of `pixels` after decoding (YBR is converted to RGB). */
  photometric: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'PALETTE COLOR';
  pixels: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;
}

/** Decodes frame `frameIndex` (0-based) of a parsed DICOM data set, whatever its transfer syntax. */
export async function decodeFrame(
  _dataSet: DataSet,
  _frameIndex: number,
  _transferSyntaxUid: string,
): Promise<DecodedFrame> {
  throw new Error('decodeFrame: not implemented yet');
}
