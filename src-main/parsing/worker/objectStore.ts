import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../../util/sha256';
import type { StoredFile } from './protocol';

/**
 * Copies an imported file into the content-addressed object store:
 * `<objectsDir>/<sha[0:2]>/<sha>/<original file name>`.
 *
 * Each object gets its own folder that keeps the original file name, so companions stored next to it
 * (WFDB .dat beside its .hea, a photo's sidecar and mask) still resolve by their relative names.
 * Imported files are never modified, with one exception: a DICOM preamble flagged as an executable
 * (MZ/ELF/Mach-O polyglot, CVE-2019-11687) is zeroed in the stored copy so it can never be run.
 * Writes go to a temporary name and are renamed, so a killed import leaves no half-written object.
 */
export function storeObject(
  objectsDir: string,
  originalPath: string,
  bytes: Uint8Array,
  opts: { sha256?: string; folderSha?: string; zeroPreamble?: boolean } = {},
): StoredFile {
  const sha = opts.sha256 ?? sha256Hex(bytes);
  const folderSha = opts.folderSha ?? sha;
  const folder = path.join(objectsDir, folderSha.slice(0, 2), folderSha);
  const storedPath = path.join(folder, path.basename(originalPath));
  if (createFolder(folder) || !existsSync(storedPath)) {
    let data = bytes;
    if (opts.zeroPreamble && bytes.length >= 128) {
      data = Uint8Array.from(bytes);
      data.fill(0, 0, 128);
    }
    const tmp = `${storedPath}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, storedPath);
  }
  return { sha256: sha, size: bytes.length, storedPath, originalPath };
}

/**
 * Makes sure `folder` exists; true when this call created it, so no object can be in it yet. A new
 * object's folder is the common case, so it is created first and only an existing one costs a second
 * look (one mkdir instead of a stat and a mkdir per file; metadata calls are most of a copy's cost).
 */
function createFolder(folder: string): boolean {
  try {
    mkdirSync(folder);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(folder), { recursive: true }); // the first object under this hash prefix
  mkdirSync(folder, { recursive: true });
  return true;
}

/** Stores a companion file (WFDB signal file, sidecar, mask) in the folder of its main object. */
export function storeCompanion(objectsDir: string, mainSha: string, companionPath: string): StoredFile {
  const bytes = readFileSync(companionPath);
  return storeObject(objectsDir, companionPath, bytes, { folderSha: mainSha });
}
