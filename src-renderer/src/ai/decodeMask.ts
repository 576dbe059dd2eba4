// Turns a ground-truth mask file (from getGroundTruthMask) into the reward's GroundTruthMask: decoded by
// the browser in this sandboxed page, foreground = any non-zero grey value (masks come as {0,1} or {0,255}).
import type { GroundTruthMask } from '../../../src-shared/rewards';

export async function decodeMask(base64: string, mediaType: string): Promise<GroundTruthMask> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: mediaType }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const { width, height } = bitmap;
    const ctx = new OffscreenCanvas(width, height).getContext('2d');
    if (!ctx) throw new Error('no 2D canvas to decode the mask');
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]! > 0 ? 1 : 0;
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}
