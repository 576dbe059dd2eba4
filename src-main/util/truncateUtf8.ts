import path from 'node:path';

/**
 * The longest prefix of `name` that is at most `maxBytes` bytes in UTF-8, cut between characters (a
 * surrogate pair is one character and is never split). File systems limit a name in bytes (255 on ext4
 * and APFS), not characters: 100 Chinese characters are 300 bytes of UTF-8.
 */
export function truncateUtf8(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  let bytes = 0;
  let end = 0;
  for (const char of name) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return name.slice(0, end);
}

/** Longest extension kept whole by truncateFileName (".nii.gz" is 7 bytes, ".json" 5). */
const MAX_EXTENSION_BYTES = 16;

/**
 * A file name cut to at most `maxBytes` bytes of UTF-8 with its extension kept (".dcm", ".hea", ".nii.gz"):
 * readers tell a WFDB header, a gzipped NIfTI or a sidecar by it.
 */
export function truncateFileName(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  let ext = path.extname(name);
  if (ext.toLowerCase() === '.gz') ext = path.extname(name.slice(0, -ext.length)) + ext;
  if (ext === '' || Buffer.byteLength(ext) > MAX_EXTENSION_BYTES) return truncateUtf8(name, maxBytes);
  return truncateUtf8(name.slice(0, name.length - ext.length), maxBytes - Buffer.byteLength(ext)) + ext;
}
