import { createWriteStream, mkdirSync } from 'node:fs';
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

export class ZipRefusedError extends Error {}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Extracts a ZIP archive into `destDir` (a fresh staging folder), refusing what a hostile archive does:
 * paths escaping the folder (yauzl validates names: no absolute paths, no `..`), symbolic links (skipped),
 * more entries or bytes than the limits, and entries whose declared compression ratio says "bomb".
 * Sizes are checked against the central directory before writing, and yauzl verifies the actual
 * decompressed size matches the declaration while streaming.
 */
export async function extractZip(zipPath: string, destDir: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, z) =>
      err || !z ? reject(new ZipRefusedError(`unreadable ZIP archive: ${err?.message ?? 'unknown error'}`)) : resolve(z),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipRefusedError(`ZIP archive has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}`);
  }
  const written: string[] = [];
  let total = 0;
  return new Promise<string[]>((resolve, reject) => {
    const fail = (message: string): void => {
      zip.close();
      reject(new ZipRefusedError(message));
    };
    zip.on('error', (err: Error) => fail(`ZIP archive refused: ${err.message}`));
    zip.on('end', () => resolve(written));
    zip.on('entry', (entry: yauzl.Entry) => {
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (entry.fileName.endsWith('/') || mode === S_IFLNK) return zip.readEntry();
      if (entry.isEncrypted()) return fail(`ZIP entry ${entry.fileName} is encrypted`);
      if (entry.uncompressedSize > limits.maxEntryBytes) return fail(`ZIP entry ${entry.fileName} is larger than ${limits.maxEntryBytes} bytes`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) return fail(`ZIP archive unpacks to more than ${limits.maxTotalBytes} bytes`);
      if (entry.uncompressedSize > 1 << 20 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        return fail(`ZIP entry ${entry.fileName} has a compression ratio over ${limits.maxRatio}:1 (zip bomb?)`);
      }
      const target = path.resolve(destDir, entry.fileName);
      if (!target.startsWith(path.resolve(destDir) + path.sep)) return fail(`ZIP entry ${entry.fileName} escapes the archive folder`);
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(`ZIP entry ${entry.fileName}: ${err?.message ?? 'unreadable'}`);
        mkdirSync(path.dirname(target), { recursive: true });
        pipeline(stream, createWriteStream(target, { flags: 'wx' }))
          .then(() => {
            written.push(target);
            zip.readEntry();
          })
          .catch((e: Error) => fail(`ZIP entry ${entry.fileName}: ${e.message}`));
      });
    });
    zip.readEntry();
  });
}
