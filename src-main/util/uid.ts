import { createHash } from 'node:crypto';

/**
 * A deterministic DICOM UID under the 2.25 root (ISO/IEC 9834-8: a UUID as one integer) derived from a
 * seed string. Non-DICOM objects (photos, WFDB, NIfTI) get study/series UIDs this way so that importing
 * the same file twice yields the same UIDs and nothing new.
 */
export function deriveUid(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  const uuid = Buffer.from(digest.subarray(0, 16));
  // Mark as a version-8 (custom) UUID, RFC 9562 variant, so the number is a well-formed UUID.
  uuid[6] = (uuid[6]! & 0x0f) | 0x80;
  uuid[8] = (uuid[8]! & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${uuid.toString('hex')}`).toString(10)}`;
}
