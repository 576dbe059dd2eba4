/**
 * Cheap detection of a data folder on a network filesystem (Linux only): SQLite's locking and fsync
 * guarantees do not hold on NFS/SMB/sshfs, so the app warns instead of silently risking corruption.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

const NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'afs', '9p', 'ceph']);

/**
 * Filesystem type of the mount holding `dir` when it is a network filesystem, from the text of
 * /proc/mounts; undefined otherwise. `dir` must be absolute and already resolved (no symlinks).
 */
export function networkFsTypeFromMounts(dir: string, mountsText: string): string | undefined {
  let best: { mountPoint: string; type: string } | undefined;
  for (const line of mountsText.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    const mountPoint = unescapeMountField(fields[1]!);
    const type = fields[2]!;
    if (!isWithin(dir, mountPoint)) continue;
    // The longest matching mount point is the one that holds dir (later mounts shadow earlier ones).
    if (!best || mountPoint.length >= best.mountPoint.length) best = { mountPoint, type };
  }
  return best && NETWORK_TYPES.has(best.type) ? best.type : undefined;
}

/** undefined on non-Linux systems or when /proc/mounts cannot be read: detection is best effort. */
export function detectNetworkFs(dir: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return networkFsTypeFromMounts(realpathSync(dir), readFileSync('/proc/mounts', 'utf8'));
  } catch {
    return undefined;
  }
}

/** /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 …). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

function isWithin(dir: string, mountPoint: string): boolean {
  if (mountPoint === '/') return true;
  const rel = path.relative(mountPoint, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
