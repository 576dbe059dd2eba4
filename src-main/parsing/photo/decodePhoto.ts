import type UTIF from 'utif2';
import { lazyRequire } from '../lazyRequire';
import type { ParseLimits } from '../types';
import { sniffPhotoFormat, type PhotoFormat } from './photoFormat';
import type { PhotoHeader } from './PhotoHeader';
import { PhotoRefusal } from './PhotoRefusal';
import { readJpegHeader } from './readJpegHeader';
import { readPngHeader } from './readPngHeader';
import { readTiffHeader, type TiffFirstImage } from './readTiffHeader';

// Loaded when a photo is first decoded, not when the worker starts (see lazyRequire).
const jpegJs = lazyRequire<typeof import('jpeg-js')>('jpeg-js');
const pngjs = lazyRequire<typeof import('pngjs')>('pngjs');
const utif = lazyRequire<typeof UTIF>('utif2');

export interface DecodedPhoto {
  header: PhotoHeader;
  /** 8-bit RGBA, row-major; 16-bit samples are scaled to 8 bits by the decoders. */
  rgba: Uint8Array;
}

/**
 * Header check, pixel budget, then a full decode. The budget counts both the stored samples
 * (width × height × channels × bytes per sample, as ParseLimits.maxPixelBytes defines it) and the RGBA
 * output the decoders allocate, whichever is larger, and is checked from the header before decoding.
 */
export function decodePhoto(bytes: Uint8Array, limits: ParseLimits): DecodedPhoto {
  if (bytes.length > limits.maxFileBytes) {
    throw new PhotoRefusal(`file is ${bytes.length} bytes, over the maxFileBytes limit (${limits.maxFileBytes})`);
  }
  const format = sniffPhotoFormat(bytes);
  if (!format) throw new PhotoRefusal('not a PNG, JPEG or TIFF file (unknown signature)');
  const tiff = format === 'tiff' ? readTiffHeader(bytes) : null;
  const header = tiff ? tiff.header : format === 'png' ? readPngHeader(bytes) : readJpegHeader(bytes);
  checkPixelBudget(header, limits);
  const rgba = decodePixels(format, bytes, header, tiff, limits);
  const expected = header.width * header.height * 4;
  if (rgba.length < expected) {
    throw new PhotoRefusal(`${format.toUpperCase()} decode produced ${rgba.length} bytes, expected ${expected}`);
  }
  return { header, rgba: rgba.length === expected ? rgba : rgba.subarray(0, expected) };
}

export function checkPixelBudget(h: PhotoHeader, limits: ParseLimits): void {
  const pixels = h.width * h.height;
  const stored = pixels * h.channels * Math.ceil(h.bitDepth / 8);
  const needed = Math.max(stored, pixels * 4);
  if (needed > limits.maxPixelBytes) {
    throw new PhotoRefusal(
      `${h.width}×${h.height}×${h.channels} image needs ${needed} bytes decoded, over the maxPixelBytes limit (${limits.maxPixelBytes})`,
    );
  }
}

function decodePixels(
  format: PhotoFormat,
  bytes: Uint8Array,
  header: PhotoHeader,
  tiff: TiffFirstImage | null,
  limits: ParseLimits,
): Uint8Array {
  try {
    if (format === 'png') return pngjs().PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).data;
    if (format === 'jpeg') {
      return jpegJs().decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        // jpeg-js has its own caps (100 MP / 512 MB by default); align them with ours.
        maxResolutionInMP: (header.width * header.height) / 1e6 + 1,
        maxMemoryUsageInMB: Math.ceil(limits.maxPixelBytes / 1024 ** 2),
      }).data;
    }
    return decodeTiff(bytes, tiff!);
  } catch (e) {
    if (e instanceof PhotoRefusal) throw e;
    throw new PhotoRefusal(`${format.toUpperCase()} decode failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decodeTiff(bytes: Uint8Array, tiff: TiffFirstImage): Uint8Array {
  // UTIF wraps its argument in `new Uint8Array(buffer)`: hand it an ArrayBuffer holding exactly this file.
  // (A fresh Uint8Array copy: Buffer#slice would share a larger pooled ArrayBuffer.)
  const own = new Uint8Array(bytes).buffer;
  // The IFD is our own bounds-checked copy (readTiffHeader), typed loosely as UTIF's IFD expects.
  const ifd = { ...tiff.ifd } as unknown as UTIF.IFD;
  utif().decodeImage(own, ifd);
  if (!ifd.data || ifd.width !== tiff.header.width) {
    throw new PhotoRefusal(`TIFF decode failed: compression ${tiff.ifd['t259']?.[0] ?? 1} not supported or data unreadable`);
  }
  return utif().toRGBA8(ifd);
}
