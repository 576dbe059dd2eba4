import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import type { CandidateFile, ParseOutcome } from './types';

/** Extensions that announce a medical format: if no handler took such a file, it is damaged. */
const MEDICAL_EXTENSIONS = new Set(['.dcm', '.dicom', '.ima', '.hea', '.nii', '.scp', '.png', '.jpg', '.jpeg', '.tif', '.tiff']);

/**
 * The last link of the import chain: nobody recognised the file. Decides between "not medical" (text,
 * documents, viewer executables found on a CD: counted, not an error) and "rejected" (the file claims a
 * medical format, or wraps one, but could not be read: the user must be told why).
 */
export function handleUnrecognised(file: CandidateFile): ParseOutcome {
  const { bytes } = file;
  const ext = path.extname(file.path).toLowerCase();
  if (bytes.length === 0) return { status: 'not-medical', reason: 'empty file' };

  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return describeGzip(bytes);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { status: 'rejected', reason: 'ZIP archive inside an archive or unreadable ZIP: extract it first' };
  }
  if (MEDICAL_EXTENSIONS.has(ext)) {
    return { status: 'rejected', reason: `not a readable ${ext.slice(1).toUpperCase()} file: no known header found` };
  }
  if (looksLikeText(bytes)) return { status: 'not-medical', reason: 'text file' };
  return { status: 'not-medical', reason: 'unrecognised format (not DICOM, ECG, NIfTI or an image)' };
}

/** A whole-file gzip (not .nii.gz, which the NIfTI handler takes): say what is inside. */
function describeGzip(bytes: Uint8Array): ParseOutcome {
  let head: Buffer;
  try {
    // Only the first bytes matter; bounding the output keeps a gzip bomb harmless.
    head = gunzipSync(bytes, { maxOutputLength: 1 << 20, finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { status: 'rejected', reason: 'gzip-compressed file (over 1 MiB unpacked): decompress it before import' };
    }
    return { status: 'rejected', reason: `damaged gzip file: ${(err as Error).message}` };
  }
  const isDicom = head.length >= 132 && head.toString('latin1', 128, 132) === 'DICM';
  return {
    status: 'rejected',
    reason: isDicom
      ? 'gzip-compressed DICOM file: decompress it before import (compressed files are not read implicitly)'
      : 'gzip-compressed file of unknown content: decompress it before import',
  };
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / n < 0.01;
}
