// Decodes a stored photo into RGB bytes in the page: PNG and JPEG with the browser's own decoder
// (createImageBitmap), TIFF (which browsers do not decode) with utif2, loaded only when needed.

export interface DecodedPhoto {
  width: number;
  height: number;
  /** Interleaved RGB, row-major from the top-left. */
  rgb: Uint8Array;
}

function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray, pixels: number): Uint8Array {
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    rgb[j] = rgba[i * 4] ?? 0;
    rgb[j + 1] = rgba[i * 4 + 1] ?? 0;
    rgb[j + 2] = rgba[i * 4 + 2] ?? 0;
  }
  return rgb;
}

async function decodeTiff(bytes: ArrayBuffer): Promise<DecodedPhoto> {
  const UTIF = await import('utif2');
  const [ifd] = UTIF.decode(bytes);
  if (!ifd) throw new Error('the TIFF has no image');
  UTIF.decodeImage(bytes, ifd);
  const width = ifd.width;
  const height = ifd.height;
  return { width, height, rgb: rgbaToRgb(UTIF.toRGBA8(ifd), width * height) };
}

async function decodeWithBrowser(bytes: ArrayBuffer, type: string): Promise<DecodedPhoto> {
  // Colour values as stored: no colour-space conversion, no premultiplied alpha.
  const bitmap = await createImageBitmap(new Blob([bytes], { type }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const { width, height } = bitmap;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas to decode the photo');
    ctx.drawImage(bitmap, 0, 0);
    return { width, height, rgb: rgbaToRgb(ctx.getImageData(0, 0, width, height).data, width * height) };
  } finally {
    bitmap.close();
  }
}

export async function fetchAndDecodePhoto(url: string): Promise<DecodedPhoto> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the photo could not be loaded (HTTP ${res.status})`);
  const type = res.headers.get('content-type') ?? '';
  const bytes = await res.arrayBuffer();
  return type === 'image/tiff' ? decodeTiff(bytes) : decodeWithBrowser(bytes, type);
}
