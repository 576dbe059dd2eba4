import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseLimits } from '../types';
import { decodePhoto } from './decodePhoto';
import { isBinaryMask } from './isBinaryMask';
import { hasPhotoExtension } from './photoFormat';
import { photoStem } from './photoSidecarPaths';

/**
 * Companion masks. A binary image (isBinaryMask) whose stem is a sibling image's stem followed by a
 * separator (`_ - . space`) and more — `eye.jpg` ← `eye_binarized.tif`, `ISIC_1.jpg` ← `ISIC_1_segmentation.png`
 * — is that image's mask. The separator keeps `img1.png` from claiming `img10.png`.
 */
export function isDerivedStem(stem: string, referenceStem: string): boolean {
  return stem.length > referenceStem.length + 1 && stem.startsWith(referenceStem) && /[_\-. ]/.test(stem[referenceStem.length]!);
}

async function siblingImages(filePath: string): Promise<string[]> {
  const dir = path.dirname(filePath);
  const self = path.basename(filePath);
  try {
    const names = await readdir(dir);
    return names.filter((n) => n !== self && hasPhotoExtension(n)).sort().map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** The image a mask belongs to: the sibling with the longest stem that this file's stem derives from. */
export async function maskReferenceOf(maskPath: string): Promise<string | null> {
  const stem = photoStem(maskPath);
  let best: string | null = null;
  for (const sibling of await siblingImages(maskPath)) {
    const s = photoStem(sibling);
    if (isDerivedStem(stem, s) && (best === null || s.length > photoStem(best).length)) best = sibling;
  }
  return best;
}

/** Sibling images derived from this image's stem that decode as binary masks (absolute paths, sorted). */
export async function companionMasksOf(imagePath: string, limits: ParseLimits): Promise<string[]> {
  const stem = photoStem(imagePath);
  const masks: string[] = [];
  for (const sibling of await siblingImages(imagePath)) {
    if (!isDerivedStem(photoStem(sibling), stem)) continue;
    try {
      if ((await stat(sibling)).size > limits.maxFileBytes) continue;
      // A sibling that is its own mask's reference (longer prefix) is not ours: it must point back here.
      const owner = await maskReferenceOf(sibling);
      if (owner === null || path.resolve(owner) !== path.resolve(imagePath)) continue;
      if (isBinaryMask(decodePhoto(await readFile(sibling), limits).rgba)) masks.push(sibling);
    } catch {
      // an unreadable sibling is reported when it is imported itself; it is just not a companion
    }
  }
  return masks;
}
