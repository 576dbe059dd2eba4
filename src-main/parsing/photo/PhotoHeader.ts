import type { PhotoFormat } from './photoFormat';

/** What the file header declares, read and validated before any pixel buffer is allocated. */
export interface PhotoHeader {
  format: PhotoFormat;
  width: number;
  height: number;
  /** Samples per pixel as stored (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha/CMYK). */
  channels: number;
  /** Bits per sample as stored (palette PNG: 8, the depth of its palette entries). */
  bitDepth: number;
  lossy: boolean;
  warnings: string[];
}
