import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { ParseLimits } from '../types';
import { NiftiRefusal } from './NiftiRefusal';
import { parseNiftiHeader, type NiftiHeader } from './parseNiftiHeader';

/** A NIfTI file whose header was checked and whose voxel bytes are known to be present. */
export interface OpenedNifti {
  header: NiftiHeader;
  /** The whole (decompressed) file; voxel data is `file.subarray(header.voxOffset, header.voxOffset + dataBytes)`. */
  file: Uint8Array;
  dataBytes: number;
  gzipped: boolean;
}

/** Compressed bytes inflated to find the header: enough for any real gzip header, and bounded in output. */
const HEADER_PEEK_INPUT = 16 * 1024;
const HEADER_PEEK_MAX_OUTPUT = 32 * 1024 ** 2;
/** Bytes allowed after the voxel data (some writers pad); more than this in a .gz is treated as a bomb. */
const TRAILING_SLACK = 1024 ** 2;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Validates a .nii or .nii.gz image before anything proportional to its declared size is allocated:
 * 1. the header is inflated from the first few KiB only;
 * 2. dims × bytes-per-voxel is checked against maxPixelBytes, and vox_offset + data against maxFileBytes;
 * 3. the full inflate is capped (zlib maxOutputLength) at the size the header declares plus a little slack,
 *    so a gzip bomb stops at that cap instead of filling memory;
 * 4. the inflated/raw size must cover vox_offset + data, else the file is refused as truncated.
 */
export function openNiftiBytes(bytes: Uint8Array, limits: ParseLimits): OpenedNifti {
  if (bytes.length > limits.maxFileBytes) {
    throw new NiftiRefusal(`file is ${bytes.length} bytes, over the maxFileBytes limit (${limits.maxFileBytes})`);
  }
  const gzipped = isGzip(bytes);
  const { header } = peekNiftiHeader(bytes);

  const voxels = header.dims.reduce((a, b) => a * b, 1);
  const dataBytes = voxels * header.datatype.bytesPerVoxel;
  const declared = `${header.dims.join('×')} ${header.datatype.name}`;
  if (dataBytes > limits.maxPixelBytes) {
    throw new NiftiRefusal(
      `header declares ${declared} = ${dataBytes} bytes of voxel data, over the maxPixelBytes limit (${limits.maxPixelBytes})`,
    );
  }
  const expected = header.voxOffset + dataBytes;
  if (expected > limits.maxFileBytes) {
    throw new NiftiRefusal(`header declares a ${expected}-byte image, over the maxFileBytes limit (${limits.maxFileBytes})`);
  }

  const file = gzipped ? boundedGunzip(bytes, Math.min(expected + TRAILING_SLACK, limits.maxFileBytes)) : bytes;
  if (file.length < expected) {
    throw new NiftiRefusal(
      `truncated: header declares ${declared} (${dataBytes} bytes) at offset ${header.voxOffset}, ` +
        `but the ${gzipped ? 'decompressed ' : ''}file has only ${file.length} bytes (needs ${expected})`,
    );
  }
  return { header, file, dataBytes, gzipped };
}

/**
 * Decodes the header from the start of a .nii or .nii.gz (a prefix of the file is enough), inflating only
 * the first few KiB of a gzip stream. Returns the raw header bytes too (hashed for study seeds).
 */
export function peekNiftiHeader(prefix: Uint8Array): { header: NiftiHeader; headerBytes: Uint8Array } {
  const gzipped = isGzip(prefix);
  const head = gzipped ? peekGunzip(prefix) : prefix;
  if (gzipped && head.length < 348 && prefix.length <= HEADER_PEEK_INPUT) {
    // The whole stream was inflated and still holds less than the smallest NIfTI header.
    throw new NiftiRefusal(`truncated: gzip stream holds only ${head.length} bytes, less than a NIfTI header (348)`);
  }
  const header = parseNiftiHeader(head);
  return { header, headerBytes: head.subarray(0, header.headerSize) };
}

/** Inflates just the start of a gzip stream (Z_SYNC_FLUSH returns what is decodable instead of throwing). */
function peekGunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes.subarray(0, HEADER_PEEK_INPUT), {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      maxOutputLength: HEADER_PEEK_MAX_OUTPUT,
    });
  } catch (e) {
    throw new NiftiRefusal(`not a readable gzip stream: ${errorMessage(e)}`);
  }
}

function boundedGunzip(bytes: Uint8Array, maxOutputLength: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new NiftiRefusal(
        `gzip stream inflates beyond ${maxOutputLength} bytes, more than the header declares: refused as a possible gzip bomb`,
      );
    }
    if (code === 'Z_BUF_ERROR') {
      throw new NiftiRefusal(`truncated: gzip stream ends early (${errorMessage(e)})`);
    }
    throw new NiftiRefusal(`corrupt gzip stream: ${errorMessage(e)}`);
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
