import path from 'node:path';
import type { Domain } from '../types';

/** Token prefixes that name a domain; a token is a run of letters/digits in the file or folder name. */
const HINTS: { prefixes: string[]; domain: Domain }[] = [
  { prefixes: ['derm', 'isic'], domain: 'skin' },
  { prefixes: ['fundus', 'retina'], domain: 'fundus' },
  { prefixes: ['patho', 'histo', 'ihc'], domain: 'pathology' },
];
/** Folders above the file that are consulted; further up are mount points and user names, not content. */
const FOLDERS_CONSULTED = 3;

/**
 * The domain of a photo without a sidecar, from its path: the file name first, then its folders from the
 * nearest outwards (at most 3). A name matches when one of its tokens starts with a hint ("Dermoscopy",
 * "ISIC_0001", "600px-Fundus_photo", "retinal", "histology", "IHC"). Matching whole tokens from their start
 * avoids hits inside unrelated words ("christopher" contains "histo"). No hint → 'other'.
 */
export function domainFromPathHints(filePath: string): Domain {
  const parts = path.resolve(filePath).split(path.sep).filter(Boolean).reverse().slice(0, FOLDERS_CONSULTED + 1);
  for (const part of parts) {
    const tokens = part.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    for (const hint of HINTS) {
      if (tokens.some((t) => hint.prefixes.some((p) => t.startsWith(p)))) return hint.domain;
    }
  }
  return 'other';
}
