/**
 * One-way, consistent UID replacement for de-identification (PS3.15 E.1 action U): every UID of an
 * export maps to a 2.25 UID derived from HMAC-SHA-256(per-export secret, original UID). The same original
 * gets the same replacement everywhere in the export (DICOM references, FHIR identifiers, JSON), and
 * without the secret — which is never written anywhere — a replacement cannot be traced back or checked
 * against a guessed UID (a plain hash could be, by hashing candidate UIDs).
 */
import { createHmac, randomBytes } from 'node:crypto';

export class UidMapper {
  private readonly cache = new Map<string, string>();
  constructor(private readonly secret: Uint8Array = randomBytes(32)) {}

  map(uid: string): string {
    const original = uid.trim().replace(/\0+$/, '');
    let mapped = this.cache.get(original);
    if (!mapped) {
      mapped = uuidToUid(createHmac('sha256', this.secret).update(original).digest().subarray(0, 16));
      this.cache.set(original, mapped);
    }
    return mapped;
  }

  /** A fresh UID for something the export creates (the SR's own SOP/series), also under 2.25. */
  static fresh(): string {
    return uuidToUid(randomBytes(16));
  }
}

/** ISO/IEC 9834-8: a UUID (version 8, RFC 9562 variant bits set) written as one decimal integer. */
function uuidToUid(bytes: Uint8Array): string {
  const uuid = Buffer.from(bytes);
  uuid[6] = (uuid[6]! & 0x0f) | 0x80;
  uuid[8] = (uuid[8]! & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${uuid.toString('hex')}`).toString(10)}`;
}
