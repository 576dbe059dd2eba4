import { lstatSync, mkdirSync, openSync, readSync, closeSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extractZip, ZipRefusedError } from './extractZip';

export interface SourceFile {
  path: string;
  size: number;
}

export interface ScanResult {
  files: SourceFile[];
  rejected: { path: string; reason: string }[];
  notMedical: { path: string; reason: string }[];
  /**
   * The name to show and record for a scanned path: a file extracted from a ZIP archive is
   * `<archive> → <name inside it>` (its staging copy is deleted after the import); any other path is itself.
   */
  shownPath(p: string): string;
}

/**
 * Expands what the user chose (files, folders, ZIP archives) into the list of files to parse, in a stable
 * order. Folders are walked recursively without following symbolic links (a link can loop or point off
 * the media); ZIP archives are extracted into the job's staging folder and walked like folders.
 * Only paths and sizes are held, never contents, so memory stays flat however many files there are.
 * `nameOf` names a file the user gave (uploads: the name the browser sent, not the staging copy).
 */
export async function scanSources(inputs: string[], stagingDir: string, nameOf: (p: string) => string = (p) => p): Promise<ScanResult> {
  // Staging folder of each extracted archive → the archive's own path.
  const archives = new Map<string, string>();
  const shownPath = (p: string): string => {
    for (const [dest, archive] of archives) {
      if (p.startsWith(dest + path.sep)) return `${shownPath(archive)} → ${path.relative(dest, p).split(path.sep).join('/')}`;
    }
    return nameOf(p);
  };
  const result: ScanResult = { files: [], rejected: [], notMedical: [], shownPath };
  let zipCount = 0;

  const visit = async (p: string): Promise<void> => {
    let st;
    try {
      st = lstatSync(p);
    } catch (err) {
      result.rejected.push({ path: shownPath(p), reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return;
    }
    if (st.isSymbolicLink()) {
      result.notMedical.push({ path: shownPath(p), reason: 'symbolic link not followed' });
    } else if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (err) {
        result.rejected.push({ path: shownPath(p), reason: `cannot list folder: ${(err as NodeJS.ErrnoException).code ?? ''}` });
        return;
      }
      for (const name of names) await visit(path.join(p, name));
    } else if (st.isFile()) {
      if (isZip(p)) {
        const dest = path.join(stagingDir, `zip-${++zipCount}`);
        mkdirSync(dest, { recursive: true });
        let extracted;
        try {
          extracted = await extractZip(p, dest);
        } catch (err) {
          if (!(err instanceof ZipRefusedError)) throw err;
          result.rejected.push({ path: shownPath(p), reason: err.message });
          return;
        }
        archives.set(dest, p);
        for (const { entry, reason } of extracted.skipped) result.rejected.push({ path: `${shownPath(p)} → ${entry}`, reason });
        for (const entry of extracted.links) result.notMedical.push({ path: `${shownPath(p)} → ${entry}`, reason: 'symbolic link not followed' });
        await visit(dest);
      } else {
        result.files.push({ path: p, size: st.size });
      }
    } else {
      result.notMedical.push({ path: shownPath(p), reason: 'not a regular file' });
    }
  };

  for (const input of inputs) await visit(path.resolve(input));
  return result;
}

function isZip(p: string): boolean {
  const head = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    const n = readSync(fd, head, 0, 4, 0);
    return n === 4 && head.readUInt32LE(0) === 0x04034b50;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
