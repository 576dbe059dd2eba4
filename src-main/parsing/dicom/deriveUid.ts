import { createHash } from 'node:crypto';

/**
 * A deterministic UID under the 2.25 root (PS3.5 §B.2: a UUID-sized integer) for an object that lacks one,
 * so re-importing the same file yields the same study/series instead of a new one each time.
 */
export function deriveUid(kind: string, key: string | Uint8Array): string {
  const hash = createHash('sha256').update(kind).update('\0').update(key).digest();
  const n = BigInt(`0x${hash.subarray(0, 16).toString('hex')}`);
  return `2.25.${n.toString(10)}`;
}
