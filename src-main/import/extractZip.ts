import { closeSync, createWriteStream, lstatSync, mkdirSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Uncompressed/compressed ratio above which a large entry is treated as a zip bomb. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 32 * 1024 ** 3,
  maxEntryBytes: 2 * 1024 ** 3,
  maxRatio: 1000,
};

/** The whole archive is refused: unreadable, hostile (a bomb, a path escaping the folder) or over the limits. */
export class ZipRefusedError extends Error {}

/** What came out of an archive: the files written, and the entries left out with the reason for each. */
export interface ZipExtraction {
  files: string[];
  /** Entries not extracted (`entry` is the name inside the archive); the rest of the archive still was. */
  skipped: { entry: string; reason: string }[];
  /** Symbolic links, never followed (as a folder walk does not follow them). */
  links: string[];
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Extracts a ZIP archive into `destDir` (a fresh staging folder), keeping the archive's folder tree (a
 * DICOMDIR, a WFDB header or a photo's sidecar names its companions by relative path).
 *
 * Two kinds of trouble, handled apart. Whatever says the archive itself is hostile or broken refuses all
 * of it (ZipRefusedError): an unreadable central directory, a name escaping the folder (yauzl validates
 * names: no absolute paths, no `..`), more entries or bytes than the limits, a compression ratio that says
 * "bomb". An entry that merely cannot be read or written is left out with its reason and the rest goes on,
 * so one odd entry loses nothing else: an encrypted entry, one larger than an entry may be, damaged data
 * (a scratched CD), a name too long for this file system, a duplicate name (or one differing only in case,
 * on a case-insensitive disk), a file where the archive also has a folder of that name.
 */
export async function extractZip(zipPath: string, destDir: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipExtraction> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(new ZipRefusedError(`unreadable ZIP archive: ${err?.message ?? 'unknown error'}`)) : resolve(z),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipRefusedError(`ZIP archive has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}`);
  }
  const root = path.resolve(destDir);
  const result: ZipExtraction = { files: [], skipped: [], links: [] };
  let total = 0;
  return new Promise<ZipExtraction>((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      zip.close();
      reject(new ZipRefusedError(message));
    };
    const skip = (entry: yauzl.Entry, reason: string): void => {
      result.skipped.push({ entry: entry.fileName, reason });
      zip.readEntry();
    };
    zip.on('error', (err: Error) => fail(`ZIP archive refused: ${err.message}`));
    zip.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(result);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        result.links.push(entry.fileName);
        return zip.readEntry();
      }
      const target = path.resolve(root, entry.fileName);
      if (!target.startsWith(root + path.sep)) return fail(`ZIP entry ${entry.fileName} escapes the archive folder`);
      if (entry.uncompressedSize > 1 << 20 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        return fail(`ZIP entry ${entry.fileName} has a compression ratio over ${limits.maxRatio}:1 (zip bomb?)`);
      }
      if (entry.isEncrypted()) return skip(entry, 'encrypted: not extracted (no password is asked for)');
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        return skip(entry, `${entry.uncompressedSize} bytes, over the ${limits.maxEntryBytes}-byte limit for one entry`);
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) return fail(`ZIP archive unpacks to more than ${limits.maxTotalBytes} bytes`);

      let fd: number;
      try {
        mkdirSync(path.dirname(target), { recursive: true });
      } catch (err) {
        return skip(entry, folderFailure(err));
      }
      try {
        fd = openSync(target, 'wx'); // never over another entry's file
      } catch (err) {
        return skip(entry, fileFailure(err, target));
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          closeSync(fd);
          rmSync(target, { force: true });
          return skip(entry, `not extracted: ${err?.message ?? 'unreadable'}`);
        }
        pipeline(stream, createWriteStream(target, { fd }))
          .then(() => {
            result.files.push(target);
            zip.readEntry();
          })
          .catch((e: Error) => {
            // Its data does not inflate, or not to its declared size (yauzl stops it there, so a false
            // size cannot unpack more than declared): this entry is damaged, the others may not be.
            rmSync(target, { force: true });
            skip(entry, `not extracted: damaged data (${e.message})`);
          });
      });
    });
    zip.readEntry();
  });
}

/** Why an entry's folder could not be made: a path component is a file (another entry's). */
function folderFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'not extracted: the archive has a file and a folder of the same name on its path';
  return nameFailure(err);
}

/** Why an entry's file could not be created in the staging folder. */
function fileFailure(err: unknown, target: string): string {
  if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
    return lstatSync(target).isDirectory()
      ? 'not extracted: the archive has a file and a folder of the same name on its path'
      : 'not extracted: another entry of the archive has the same name (or one differing only in case, on this disk)';
  }
  return nameFailure(err);
}

function nameFailure(err: unknown): string {
  if ((err as NodeJS.ErrnoException).code === 'ENAMETOOLONG') return 'not extracted: its name is longer than this file system allows';
  return `not extracted: ${(err as Error).message}`;
}
