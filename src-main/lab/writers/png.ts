/**
 * PNG encoding through pngjs. Photos are 8-bit RGB, masks 8-bit greyscale {0, 255}: the two-level grey
 * image the importer's isBinaryMask recognises as a mask.
 */
import { PNG } from 'pngjs';
import type { Mask } from '../labTypes';

function encode(width: number, height: number, rgba: Buffer, colorType: 0 | 2): Uint8Array {
  const png = new PNG({ width, height });
  png.data = rgba;
  // inputHasAlpha: the buffer is RGBA; colorType picks what is stored (0 grey, 2 RGB), no alpha channel.
  return PNG.sync.write(png, { colorType, inputHasAlpha: true, deflateLevel: 6 });
}

export function encodeRgbPng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[4 * i] = rgb[3 * i]!;
    rgba[4 * i + 1] = rgb[3 * i + 1]!;
    rgba[4 * i + 2] = rgb[3 * i + 2]!;
    rgba[4 * i + 3] = 255;
  }
  return encode(width, height, rgba, 2);
}

export function encodeMaskPng(mask: Mask): Uint8Array {
  const rgba = Buffer.alloc(mask.width * mask.height * 4);
  for (let i = 0; i < mask.data.length; i++) {
    const v = mask.data[i] ? 255 : 0;
    rgba[4 * i] = v;
    rgba[4 * i + 1] = v;
    rgba[4 * i + 2] = v;
    rgba[4 * i + 3] = 255;
  }
  return encode(mask.width, mask.height, rgba, 0);
}
