import path from 'node:path';
import type { FileHandler } from '../types';
import { siblingNifti } from './niftiNames';

/**
 * Import-chain link for BIDS sidecars: `<stem>.json` beside `<stem>.nii[.gz]` is read by handleNifti, so on
 * its own it is 'not-medical' (not imported twice, not reported as an unknown file). Other JSON: 'skip'.
 */
export const handleNiftiSidecar: FileHandler = async (file) => {
  if (!/\.json$/i.test(file.path)) return 'skip';
  const stem = path.basename(file.path).replace(/\.json$/i, '');
  const volume = siblingNifti(path.dirname(file.path), stem);
  return volume ? { status: 'not-medical', reason: `sidecar of ${path.basename(volume)}` } : 'skip';
};
