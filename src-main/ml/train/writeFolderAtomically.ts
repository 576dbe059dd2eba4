import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where the previous version waits while the new one is renamed in (see writeFolderAtomically). */
export const previousOf = (dir: string): string => `${dir}.prev`;
const temporaryOf = (dir: string): string => `${dir}.tmp`;

/**
 * Replaces folder `dir` by one holding exactly `files`, so that a crash (SIGKILL, power loss) at any
 * instant leaves either the old or the new folder readable via committedFolder():
 *  1. write every file into `dir.tmp` and fsync it (data first, so the rename never exposes a hole);
 *  2. move the current `dir` aside to `dir.prev` (a directory cannot be renamed over a non-empty one);
 *  3. rename `dir.tmp` → `dir` and fsync the parent so the new entry is durable;
 *  4. delete `dir.prev`.
 * A crash between 2 and 3 leaves no `dir` but a complete `dir.prev`, which committedFolder() returns.
 */
export async function writeFolderAtomically(dir: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<void> {
  const [tmp, prev] = [temporaryOf(dir), previousOf(dir)];
  await rm(tmp, { recursive: true, force: true }); // a half-written folder from a killed save
  await mkdir(tmp, { recursive: true });
  for (const [name, content] of files) {
    if (name !== path.basename(name)) throw new Error(`writeFolderAtomically: '${name}' is not a plain file name`);
    await writeDurably(path.join(tmp, name), content);
  }
  await syncDirectory(tmp);
  if (existsSync(dir)) {
    await rm(prev, { recursive: true, force: true });
    await rename(dir, prev);
  }
  // else: a `dir.prev` left by a crash stays until the new folder is in place.
  await rename(tmp, dir);
  await syncDirectory(path.dirname(dir));
  await rm(prev, { recursive: true, force: true });
}

/** The folder holding the last complete write of `dir`, or null when there is none. */
export function committedFolder(dir: string): string | null {
  if (existsSync(dir)) return dir;
  return existsSync(previousOf(dir)) ? previousOf(dir) : null;
}

async function writeDurably(file: string, content: Uint8Array | string): Promise<void> {
  await writeFile(file, content);
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems (and Windows) refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}
