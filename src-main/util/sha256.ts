import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256: the identity of a file in the store. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
