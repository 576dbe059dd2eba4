import path from 'node:path';
import type { FileHandler } from '../types';
import { buildEcgObject, contentDigest } from './ecgObject';
import { MAX_WFDB_HEADER_BYTES, readWfdbFromHeaderText } from './readWfdbRecord';

/** Bytes a WFDB header may contain: printable ASCII/Latin-1 text and line breaks, nothing binary. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  return true;
}

/**
 * Import-chain handler for WFDB records, offered the `.hea` header. Reads the signal files the header
 * names from the same folder and lists them as companions, so the store keeps the record as one object.
 */
export const handleWfdbHeader: FileHandler = async (file, limits) => {
  if (path.extname(file.path).toLowerCase() !== '.hea') return 'skip';
  if (file.bytes.length > Math.min(MAX_WFDB_HEADER_BYTES, limits.maxTextBytes)) {
    return { status: 'rejected', reason: `WFDB header is ${file.bytes.length} bytes: larger than any real header` };
  }
  if (!looksLikeText(file.bytes)) return { status: 'rejected', reason: 'WFDB header contains binary data' };
  const text = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('latin1');
  try {
    const r = await readWfdbFromHeaderText(text, path.dirname(file.path), limits);
    const name = r.header.recordName;
    const warnings = [...r.warnings];
    if (name !== path.basename(file.path, path.extname(file.path))) {
      warnings.push(`header's record name '${name}' differs from its file name`);
    }
    // The seed is the header content: same header text → same UIDs wherever the record is found.
    const seed = `wfdb:${contentDigest(file.bytes)}`;
    const object = buildEcgObject({
      record: r.record,
      seed,
      fallbackPatientId: `WFDB-${name}`,
      description: `WFDB record ${name}`,
      companions: r.signalFiles,
      warnings,
    });
    return { status: 'parsed', object };
  } catch (err) {
    return { status: 'rejected', reason: `WFDB record ${path.basename(file.path)}: ${(err as Error).message}` };
  }
};
