import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileHandler } from '../types';

/**
 * Import-chain handler for the other files of a WFDB record (.dat signals, .atr/.qrs annotations, PTB's
 * .xyz …). They carry no header of their own: the record is imported once, through its .hea, which lists
 * the signal files as companions. So a file with a sibling `<record>.hea` is quietly not imported by
 * itself; anything else is not ours ('skip').
 */
/** Extensions of formats other handlers read: never swallowed, even beside a .hea of the same stem. */
const OTHER_FORMATS = new Set(['.hea', '.dcm', '.xml', '.scp', '.json', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.nii', '.gz', '.zip']);

export const handleWfdbCompanion: FileHandler = async (file) => {
  const ext = path.extname(file.path);
  if (ext === '' || OTHER_FORMATS.has(ext.toLowerCase())) return 'skip';
  const record = path.basename(file.path, ext);
  const dir = path.dirname(file.path);
  for (const headerName of [`${record}.hea`, `${record}.HEA`]) {
    try {
      if ((await stat(path.join(dir, headerName))).isFile()) {
        return {
          status: 'not-medical',
          reason: `part of WFDB record '${record}': read through its .hea header`,
        };
      }
    } catch {
      // no such sibling: try the next spelling
    }
  }
  return 'skip';
};
