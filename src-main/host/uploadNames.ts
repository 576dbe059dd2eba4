/**
 * Where an uploaded file is written inside its staging folder. The name comes from the browser and is
 * untrusted: only its last path segment is kept, with control and reserved characters replaced, so no
 * name can leave the folder (`../../x.dcm` → `x.dcm`). Two uploads with the same name go to numbered
 * sub-folders rather than overwrite each other; files of one name group (a WFDB .hea and its .dat)
 * stay together unless their names repeat.
 */
import path from 'node:path';
import { truncateFileName } from '../util/truncateUtf8';

/** File systems count a name's length in bytes (255 on ext4 and APFS): 200 of UTF-8, at a character boundary. */
const MAX_NAME_BYTES = 200;

/** The last segment of an untrusted name, safe as one file name on every platform. */
export function safeFileName(untrusted: string): string {
  const last = untrusted.split(/[\\/]/).pop() ?? '';
  const cleaned = truncateFileName(last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim(), MAX_NAME_BYTES);
  // Windows ignores trailing dots and spaces; '.' and '..' name directories.
  const stripped = cleaned.replace(/[. ]+$/, '');
  return stripped === '' ? 'file' : stripped;
}

/** Assigns each upload a distinct relative path: `name`, else `1/name`, `2/name`, … */
export function stagedPaths(untrustedNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return untrustedNames.map((name) => {
    const base = safeFileName(name);
    let relative = base;
    for (let n = 1; taken.has(relative.toLowerCase()); n++) relative = path.join(String(n), base);
    taken.add(relative.toLowerCase());
    return relative;
  });
}
