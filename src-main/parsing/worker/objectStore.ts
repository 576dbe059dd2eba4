import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../../util/sha256';
import { truncateFileName } from '../../util/truncateUtf8';
import type { StoredFile } from './protocol';

/**
 * Most bytes (UTF-8) of the original name kept in a flat object's file name. File systems limit a name to
 * 255 bytes (NAME_MAX), and `<sha>-<name>` spends 65 of them on the hash: 160 leave room for the temporary
 * name's suffix too. Counted in bytes, not characters: 160 characters of Chinese or Japanese are 480 bytes.
 */
const MAX_NAME_BYTES_IN_FLAT = 160;

/**
 * Copies an imported file into the content-addressed object store, in one of two layouts:
 * - an object without companions (every DICOM file, a lone photo or NIfTI): `<objectsDir>/<sha[0:2]>/<sha>-<original name>`;
 * - an object with companions (`ownFolder`), and its companions: `<objectsDir>/<sha[0:2]>/<sha>/<original name>`,
 *   a folder per object, so companions stored next to it (WFDB .dat beside its .hea, a photo's sidecar and
 *   mask) still resolve by their relative names.
 * The flat layout exists for speed: creating a folder per object was the largest single cost of an import
 * (≈ 0.4–0.8 ms per file on ext4, more than writing a 0.5 MB file; measured with --cpu-prof, see
 * docs/benchmarks.md, Import, fourth round). Readers go by the path recorded in the store, so stores
 * holding both layouts read alike.
 * Imported files are never modified, with one exception: a DICOM preamble flagged as an executable
 * (MZ/ELF/Mach-O polyglot, CVE-2019-11687) is zeroed in the stored copy so it can never be run.
 * Writes go to a temporary name and are renamed, so a killed import leaves no half-written object; the
 * import makes each batch's objects durable before the rows that refer to them commit (syncStoredFiles).
 */
export function storeObject(
  objectsDir: string,
  originalPath: string,
  bytes: Uint8Array,
  opts: { sha256?: string; folderSha?: string; ownFolder?: boolean; zeroPreamble?: boolean } = {},
): StoredFile {
  const sha = opts.sha256 ?? sha256Hex(bytes);
  const name = path.basename(originalPath);
  const inFolder = opts.folderSha !== undefined || opts.ownFolder === true;
  const folderSha = opts.folderSha ?? sha;
  const prefixDir = path.join(objectsDir, folderSha.slice(0, 2));
  const storedPath = inFolder
    ? path.join(prefixDir, folderSha, name)
    : path.join(prefixDir, `${sha}-${truncateFileName(name, MAX_NAME_BYTES_IN_FLAT)}`);
  // A new object's folder is the common case in the folder layout, so it is created first and only an
  // existing one costs a look for the file; the flat layout always looks (a stat, far cheaper than a mkdir).
  // A file already there is kept only at its full size: a power cut before an import made its objects
  // durable (see syncStoredFiles) can leave one empty or short, and no row refers to it yet.
  const fresh = inFolder ? createFolder(path.join(prefixDir, folderSha)) : false;
  if (fresh || sizeOf(storedPath) !== bytes.length) {
    let data = bytes;
    if (opts.zeroPreamble && bytes.length >= 128) {
      data = Uint8Array.from(bytes);
      data.fill(0, 0, 128);
    }
    writeAtomically(storedPath, data);
  }
  return { sha256: sha, size: bytes.length, storedPath, originalPath };
}

/**
 * Creates the object store's 256 hash-prefix folders (`00` … `ff`) that do not exist yet. Called when the
 * store is opened, so an import never creates one: on ext4 a new folder costs ≈ 1 ms, and a first import
 * of a few hundred files met nearly all 256 of them (≈ 0.25 s of a 0.8 s import, docs/benchmarks.md,
 * sixth round). One readdir when they already exist. `writeAtomically` still creates a missing one, for
 * stores whose folders were removed by hand.
 */
export function createPrefixFolders(objectsDir: string): void {
  mkdirSync(objectsDir, { recursive: true });
  const present = new Set(readdirSync(objectsDir));
  for (let i = 0; i < 256; i++) {
    const name = i.toString(16).padStart(2, '0');
    if (!present.has(name)) mkdirSync(path.join(objectsDir, name), { recursive: true });
  }
}

/** Size of an existing regular file, else undefined. */
function sizeOf(file: string): number | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? stat.size : undefined;
}

/** Temporary files written by this process so far: with the pid, a name unique among concurrent writers. */
let temporaries = 0;

/**
 * Writes to a temporary name beside `target`, then renames; creates the hash-prefix folder on first use.
 * The temporary name does not repeat the target's: a companion's original name may already use the
 * 255 bytes a name can have.
 */
function writeAtomically(target: string, data: Uint8Array): void {
  const tmp = path.join(path.dirname(target), `.incoming-${process.pid}-${temporaries++}.tmp`);
  try {
    writeFileSync(tmp, data);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(path.dirname(target), { recursive: true }); // the first object under this hash prefix
    writeFileSync(tmp, data);
  }
  renameSync(tmp, target);
}

/**
 * Makes sure `folder` exists; true when this call created it, so no object can be in it yet. One mkdir
 * instead of a stat and a mkdir per object.
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
