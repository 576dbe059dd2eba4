import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FileHandler } from '../types';
import { hasPhotoExtension } from './photoFormat';
import { photoStem } from './photoSidecarPaths';

/**
 * Import-chain link for photo sidecars: a .json named `<image basename>.json` or `<image stem>.json` beside
 * a PNG/JPEG/TIFF is read by handlePhoto, so on its own it is 'not-medical' ("sidecar of x.jpg"). Any other
 * JSON is 'skip'. Must run before handlers that would treat JSON as text or ECG.
 */
export const handlePhotoSidecar: FileHandler = async (file) => {
  if (!/\.json$/i.test(file.path)) return 'skip';
  const dir = path.dirname(file.path);
  const base = path.basename(file.path).replace(/\.json$/i, '');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 'skip';
  }
  const images = names.filter(hasPhotoExtension).sort();
  const owner = images.find((n) => n === base) ?? images.find((n) => photoStem(n) === base);
  return owner ? { status: 'not-medical', reason: `sidecar of ${owner}` } : 'skip';
};
