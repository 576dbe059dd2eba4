import path from 'node:path';
import type { DicomDirObject, FileHandler } from '../types';
import { DicomReadError } from './DicomReadError';
import { isDicomDirSopClass } from './dicomDirSopClass';
import { TAG } from './dicomTags';
import { DataSetWalker } from './parseDataSet';
import { readDicom } from './readDicom';
import { readFileMeta } from './readFileMeta';
import { resolveOnMedia } from './resolveOnMedia';
import { validateFileId } from './validateFileId';

/**
 * Import-chain handler for DICOMDIR files: lists the files its directory records reference, each validated
 * (validateFileId) and resolved inside the media root, i.e. the DICOMDIR's own folder (resolveOnMedia).
 * Refused IDs are reported with a reason; the referenced files are then imported as ordinary files.
 */
export const handleDicomDir: FileHandler = async (file, limits) => {
  if (!hasDicomDirMeta(file.bytes, limits.maxSequenceDepth)) return 'skip';
  let dataSet;
  let warnings: string[];
  try {
    ({ dataSet, warnings } = readDicom(file.bytes, limits));
  } catch (err) {
    return { status: 'rejected', reason: err instanceof Error ? err.message : String(err) };
  }
  const object: DicomDirObject = { kind: 'dicomdir', referencedFiles: [], refused: [], warnings: [...warnings] };
  const root = path.resolve(path.dirname(file.path));
  const listings = new Map<string, string[]>();
  const seen = new Set<string>();
  let lowerCaseIds = 0;

  for (const record of dataSet.elements[TAG.directoryRecordSequence]?.items ?? []) {
    const fileId = record.dataSet?.string(TAG.referencedFileId);
    if (!fileId) continue;
    const check = validateFileId(fileId);
    if (!check.ok) {
      object.refused.push({ fileId, reason: check.reason });
      continue;
    }
    if (check.lowerCase) lowerCaseIds++;
    const resolved = await resolveOnMedia(root, check.components, listings);
    if (!resolved.ok) object.refused.push({ fileId, reason: resolved.reason });
    else if (!seen.has(resolved.path)) {
      seen.add(resolved.path);
      object.referencedFiles.push(resolved.path);
    }
  }
  if (lowerCaseIds > 0) object.warnings.push(`${lowerCaseIds} Referenced File ID(s) use lower case (tolerated)`);
  return { status: 'parsed', object };
};

/** Cheap recognition from the File Meta alone, so ordinary DICOM files are not parsed twice. */
function hasDicomDirMeta(bytes: Uint8Array, maxSequenceDepth: number): boolean {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return false;
  try {
    const meta = readFileMeta(new DataSetWalker(bytes, { maxSequenceDepth }), 132);
    return isDicomDirSopClass(meta.mediaStorageSopClassUid);
  } catch (err) {
    if (err instanceof DicomReadError) return false; // damaged meta: handleDicomFile will report it
    throw err;
  }
}
