import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Resolves validated File ID components under `root` one directory at a time with lstat, so a symbolic
 * link anywhere on the way (file or directory) is refused rather than followed out of the media.
 * A component that does not exist with its exact name is matched case-insensitively (mounted ISO 9660
 * media often changes case); `listings` caches directory reads across the records of one DICOMDIR.
 */
export async function resolveOnMedia(
  root: string,
  components: string[],
  listings: Map<string, string[]>,
): Promise<{ ok: true; path: string } | { ok: false; reason: string }> {
  let current = root;
  for (let i = 0; i < components.length; i++) {
    const name = await findEntry(current, components[i]!, listings);
    if (name === undefined) return { ok: false, reason: `not found on the media: ${path.join(current, components[i]!)}` };
    const next = path.join(current, name);
    const st = await lstat(next);
    if (st.isSymbolicLink()) return { ok: false, reason: `symbolic link: ${next}` };
    const last = i === components.length - 1;
    if (!last && !st.isDirectory()) return { ok: false, reason: `not a directory: ${next}` };
    if (last && !st.isFile()) return { ok: false, reason: `not a regular file: ${next}` };
    current = next;
  }
  const rel = path.relative(root, current);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, reason: 'resolves outside the media root' };
  return { ok: true, path: current };
}

async function findEntry(dir: string, name: string, listings: Map<string, string[]>): Promise<string | undefined> {
  try {
    await lstat(path.join(dir, name));
    return name;
  } catch {
    // fall through to a case-insensitive match
  }
  let entries = listings.get(dir);
  if (!entries) {
    entries = await readdir(dir).catch(() => []);
    listings.set(dir, entries);
  }
  const wanted = name.toUpperCase();
  return entries.find((e) => e.toUpperCase() === wanted);
}
