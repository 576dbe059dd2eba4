/**
 * Maps an instance id to the file the store holds for it, for the hosts' pixel routes
 * (/files/instances/<id>). Not part of the service contract: it hands out a filesystem path, which only
 * the hosts (same process) may see. Only paths recorded in the store come out, and only when they still
 * resolve inside the data folder's objects/ — a tampered row or a planted symlink serves nothing.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/Store';

export function storedInstancePath(store: Pick<Store, 'getInstanceFile'>, objectsDir: string, instanceId: number): string | undefined {
  if (!Number.isSafeInteger(instanceId) || instanceId <= 0) return undefined;
  const file = store.getInstanceFile(instanceId);
  if (!file) return undefined;
  let real: string;
  try {
    real = realpathSync(file.path);
    if (!statSync(real).isFile()) return undefined;
  } catch {
    return undefined; // Deleted or unreadable since import: nothing to serve.
  }
  const rel = path.relative(realpathSync(objectsDir), real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return real;
}
