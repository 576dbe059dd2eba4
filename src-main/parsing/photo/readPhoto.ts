import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS, type ParseLimits } from '../types';
import { decodePhoto } from './decodePhoto';
import { PhotoRefusal } from './PhotoRefusal';

/** Decoded pixels of a photo for viewers and the model: 8-bit RGBA, row-major. */
export interface PhotoPixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Reads and decodes a PNG/JPEG/TIFF from disk with the import checks (file size before reading, header and
 * pixel budget before decoding, truncation). Throws PhotoRefusal with a specific reason.
 */
export async function readPhoto(filePath: string, limits: ParseLimits = DEFAULT_LIMITS): Promise<PhotoPixels> {
  const { size } = await stat(filePath);
  if (size > limits.maxFileBytes) {
    throw new PhotoRefusal(`file is ${size} bytes, over the maxFileBytes limit (${limits.maxFileBytes})`);
  }
  const { header, rgba } = decodePhoto(await readFile(filePath), limits);
  return { width: header.width, height: header.height, rgba };
}
