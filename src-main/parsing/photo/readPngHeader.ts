import { PhotoRefusal } from './PhotoRefusal';
import type { PhotoHeader } from './PhotoHeader';

const CHANNELS_BY_COLOUR_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

/**
 * Reads IHDR and walks every chunk to IEND, so a cut-off file is refused as truncated with the byte where
 * it ends (the decoder's own errors for that case are generic zlib messages).
 */
export function readPngHeader(bytes: Uint8Array): PhotoHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let header: PhotoHeader | null = null;
  for (;;) {
    if (pos + 8 > bytes.length) {
      throw new PhotoRefusal(`truncated: PNG ends at byte ${bytes.length} before its IEND chunk`);
    }
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (length > 0x7fffffff) throw new PhotoRefusal(`corrupt PNG: chunk ${type} at byte ${pos} declares length ${length}`);
    if (pos + 12 + length > bytes.length) {
      throw new PhotoRefusal(`truncated: PNG chunk ${type} at byte ${pos} needs ${length} bytes but the file ends at byte ${bytes.length}`);
    }
    if (header === null) {
      if (type !== 'IHDR' || length !== 13) throw new PhotoRefusal('corrupt PNG: first chunk is not a 13-byte IHDR');
      header = ihdr(view, pos + 8);
    }
    if (type === 'IEND') return header;
    pos += 12 + length;
  }
}

function ihdr(view: DataView, at: number): PhotoHeader {
  const width = view.getUint32(at);
  const height = view.getUint32(at + 4);
  const depth = view.getUint8(at + 8);
  const colourType = view.getUint8(at + 9);
  const channels = CHANNELS_BY_COLOUR_TYPE[colourType];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new PhotoRefusal(`corrupt PNG: IHDR size ${width}×${height}`);
  }
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(depth)) {
    throw new PhotoRefusal(`corrupt PNG: colour type ${colourType} with bit depth ${depth}`);
  }
  return {
    format: 'png',
    width,
    height,
    channels,
    bitDepth: colourType === 3 ? 8 : depth,
    lossy: false,
    warnings: [],
  };
}
