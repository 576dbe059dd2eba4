import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves a sidecar's maskPath (relative to the sidecar) to an absolute path that must lie inside the
 * image's folder. Refused: absolute paths (POSIX, Windows drive or UNC), any `..` segment, NUL bytes, and
 * symlinks whose target leaves the folder. Returns the absolute path, or the reason it was refused.
 */
export async function resolveMaskPath(
  maskPath: string,
  sidecarDir: string,
  imageDir: string,
): Promise<{ path: string } | { error: string }> {
  if (maskPath.includes('\0')) return { error: 'contains a NUL byte' };
  if (path.posix.isAbsolute(maskPath) || path.win32.isAbsolute(maskPath) || /^[a-z]:/i.test(maskPath)) {
    return { error: 'is absolute; it must be relative to the sidecar' };
  }
  const segments = maskPath.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { error: "contains '..'; it must stay inside the image's folder" };
  if (segments.length === 0) return { error: 'is empty' };
  const resolved = path.resolve(sidecarDir, ...segments);
  if (!isInside(imageDir, resolved)) return { error: "resolves outside the image's folder" };
  try {
    if (!(await stat(resolved)).isFile()) return { error: 'is not a file' };
    if (!isInside(await realpath(imageDir), await realpath(resolved))) {
      return { error: "is a link to a file outside the image's folder" };
    }
  } catch {
    return { error: 'does not exist' };
  }
  return { path: resolved };
}

function isInside(dir: string, target: string): boolean {
  const rel = path.relative(path.resolve(dir), target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
