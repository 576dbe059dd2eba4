import { constants as bufferConstants } from 'node:buffer';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { DicomReadError } from './DicomReadError';

/**
 * Deflated Explicit VR LE (PS3.5 §A.5): everything after the File Meta is a raw deflate stream.
 * Returns a new array holding the untouched header bytes followed by the inflated data set, so offsets of
 * meta elements stay valid. `maxTotalBytes` bounds the output: a deflate bomb stops at the limit instead of
 * exhausting memory.
 */
export function inflateDataSet(bytes: Uint8Array, dataSetStart: number, maxTotalBytes: number): Uint8Array {
  const maxOutputLength = Math.max(1, Math.min(maxTotalBytes, bufferConstants.MAX_LENGTH) - dataSetStart);
  const deflated = bytes.subarray(dataSetStart);
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(deflated, { maxOutputLength });
  } catch (rawErr) {
    if (isTooLarge(rawErr)) throw bombError(maxOutputLength);
    try {
      // Some writers wrap the stream in a zlib header although the standard says raw deflate.
      inflated = inflateSync(deflated, { maxOutputLength });
    } catch (zlibErr) {
      if (isTooLarge(zlibErr)) throw bombError(maxOutputLength);
      throw new DicomReadError(`deflated data set is corrupt: ${(rawErr as Error).message}`);
    }
  }
  const out = new Uint8Array(dataSetStart + inflated.length);
  out.set(bytes.subarray(0, dataSetStart), 0);
  out.set(inflated, dataSetStart);
  return out;
}

function isTooLarge(err: unknown): boolean {
  return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
}

function bombError(limit: number): DicomReadError {
  return new DicomReadError(`deflated data set inflates to more than ${limit} bytes (file size limit)`);
}
