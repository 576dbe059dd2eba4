import path from 'node:path';

export type PhotoFormat = 'png' | 'jpeg' | 'tiff';

export const PHOTO_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff']);

export function hasPhotoExtension(filePath: string): boolean {
  return PHOTO_EXTENSIONS.has(path.extname(filePath).toLowerCase());
}

/** The format from the file's signature (never from its name: names lie, signatures rarely do). */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return 'png';
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 0x2a || b[3] === 0x2b)))) {
    return 'tiff';
  }
  if (b.length >= 4 && b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2b && b[3] === 0) return 'tiff'; // BigTIFF, refused later by name
  return null;
}
