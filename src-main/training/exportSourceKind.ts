/**
 * What kind of file an exported record names, from its signature (names lie) with the name only as a
 * tie-breaker where a format has no signature (NIfTI's magic sits at byte 344/4 and may be gzipped;
 * WFDB headers are plain text).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { sniffPhotoFormat } from '../parsing/photo/photoFormat';
import { isNiftiName } from '../parsing/nifti/niftiNames';

export type SourceKind = 'dicom-series' | 'dicom' | 'nifti' | 'png' | 'jpeg' | 'tiff' | 'wfdb' | 'xml' | 'scp' | 'tensor' | 'unknown';

const HEAD_BYTES = 132;

function head(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function sourceKind(file: string): SourceKind {
  if (statSync(file).isDirectory()) return 'dicom-series';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.npy' || ext === '.pt' || ext === '.pth') return 'tensor';
  if (isNiftiName(file)) return 'nifti';
  if (ext === '.hea') return 'wfdb';
  const bytes = head(file);
  const photo = sniffPhotoFormat(bytes);
  if (photo) return photo;
  const dicm = bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  if (dicm || ext === '.dcm' || ext === '') return 'dicom';
  if (ext === '.xml') return 'xml';
  if (ext === '.scp') return 'scp';
  return 'unknown';
}
