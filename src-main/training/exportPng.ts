/**
 * 8-bit PNG encoding of exported images and masks (pngjs, as the phantom lab uses). A picture whose
 * three channels are equal everywhere is written as greyscale: a third of the size, and PIL's
 * `.convert("RGB")` in the reference loader turns it back into exactly the same RGB.
 */
import { PNG } from 'pngjs';
import type { RgbImage } from '../ml/preprocess/types';

export function encodeRgbAsPng(image: RgbImage): Uint8Array {
  const { width, height, data } = image;
  if (data.length !== width * height * 3) throw new RangeError(`png: ${data.length} bytes for ${width}x${height} RGB`);
  const rgba = Buffer.alloc(width * height * 4);
  let grey = true;
  for (let i = 0; i < width * height; i++) {
    const r = data[3 * i] as number;
    const g = data[3 * i + 1] as number;
    const b = data[3 * i + 2] as number;
    if (r !== g || g !== b) grey = false;
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  const png = new PNG({ width, height });
  png.data = rgba;
  // inputHasAlpha: the buffer is RGBA; colorType says what is stored (0 grey, 2 RGB), never alpha.
  return PNG.sync.write(png, { colorType: grey ? 0 : 2, inputHasAlpha: true, deflateLevel: 6 });
}

/** A {0, 255} mask (nonzero = inside) as an 8-bit greyscale PNG, the mask form the importer reads. */
export function encodeMaskAsPng(width: number, height: number, inside: Uint8Array): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const v = inside[i] ? 255 : 0;
    data[3 * i] = data[3 * i + 1] = data[3 * i + 2] = v;
  }
  return encodeRgbAsPng({ width, height, data });
}
