/**
 * Maps a record id to the file the store holds for it, for the hosts' pixel routes (/files/instances/<id>,
 * /files/images/<id>, /files/volumes/<id>). Not part of the service contract: it hands out a filesystem
 * path, which only the hosts (same process) may see. Only paths recorded in the store come out, and only
 * when they still resolve inside the data folder's objects/ — a tampered row or a planted symlink serves
 * nothing.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/Store';
import type { StoredFileKind } from '../store/storedFileQuery';

/** The real path of a recorded file when it is a regular file inside objects/, else undefined. */
function insideObjects(recordedPath: string, objectsDir: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(recordedPath);
    if (!statSync(real).isFile()) return undefined;
  } catch {
    return undefined; // Deleted or unreadable since import: nothing to serve.
  }
  const rel = path.relative(realpathSync(objectsDir), real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return real;
}

const validId = (id: number) => Number.isSafeInteger(id) && id > 0;

export function storedInstancePath(store: Pick<Store, 'getInstanceFile'>, objectsDir: string, instanceId: number): string | undefined {
  if (!validId(instanceId)) return undefined;
  const file = store.getInstanceFile(instanceId);
  return file ? insideObjects(file.path, objectsDir) : undefined;
}

export interface StoredFileOut {
  path: string;
  /** The Content-Type to serve it with. */
  contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  dicom: 'application/dicom',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

/** Any viewable record's stored file (instance, photo, NIfTI volume) with the same checks as above. */
export function storedFilePath(
  store: Pick<Store, 'getStoredFile'>,
  objectsDir: string,
  kind: StoredFileKind,
  id: number,
): StoredFileOut | undefined {
  if (!validId(id)) return undefined;
  const file = store.getStoredFile(kind, id);
  const real = file ? insideObjects(file.path, objectsDir) : undefined;
  if (!file || !real) return undefined;
  return { path: real, contentType: CONTENT_TYPES[file.format] ?? 'application/octet-stream' };
}
