/**
 * Writes an export file inside the output folder only, atomically: a temporary file in the same folder,
 * fsynced, then renamed over the target, so a reader never sees half a report and a crash leaves at most
 * a stray temporary file. Names are ours (study id + suffix); anything resolving outside the folder is
 * refused all the same, in case a name ever comes from elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export function writeAtomic(outDir: string, fileName: string, bytes: Uint8Array): string {
  mkdirSync(outDir, { recursive: true });
  const dir = realpathSync(outDir);
  const target = path.resolve(dir, fileName);
  const rel = path.relative(dir, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || rel.includes(path.sep)) {
    throw new Error(`refusing to write ${JSON.stringify(fileName)}: outside the output folder`);
  }
  const tmp = path.join(dir, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, target);
  return target;
}
