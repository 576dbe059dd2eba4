import { PhotoRefusal } from './PhotoRefusal';
import type { PhotoHeader } from './PhotoHeader';

const EOI = 0xd9;
const SOS = 0xda;

/**
 * Walks the JPEG marker segments and entropy-coded scans up to EOI. The decoder (jpeg-js) reports a cut-off
 * file as "unknown JPEG marker 0" or decodes grey garbage silently, so truncation is detected here, by
 * structure: every segment must fit in the file and the last scan must be followed by EOI.
 */
export function readJpegHeader(bytes: Uint8Array): PhotoHeader {
  const len = bytes.length;
  const u16 = (at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
  let frame: Omit<PhotoHeader, 'format' | 'warnings' | 'lossy'> | null = null;
  let pos = 2;
  for (;;) {
    if (pos >= len) throw new PhotoRefusal(`truncated: JPEG ends at byte ${len} before ${frame ? 'its EOI marker' : 'the frame header (SOF)'}`);
    if (bytes[pos] !== 0xff) throw new PhotoRefusal(`corrupt JPEG: expected a marker at byte ${pos}`);
    while (pos < len && bytes[pos] === 0xff) pos++; // fill bytes
    if (pos >= len) throw new PhotoRefusal(`truncated: JPEG ends at byte ${len} inside a marker`);
    const marker = bytes[pos]!;
    const markerAt = pos - 1;
    pos++;
    if (marker === EOI) break;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // standalone markers
    if (pos + 2 > len) throw new PhotoRefusal(`truncated: JPEG ends at byte ${len} inside marker FF${hex(marker)}`);
    const segLen = u16(pos);
    if (segLen < 2) throw new PhotoRefusal(`corrupt JPEG: marker FF${hex(marker)} at byte ${markerAt} has length ${segLen}`);
    if (pos + segLen > len) {
      throw new PhotoRefusal(
        `truncated: JPEG segment FF${hex(marker)} at byte ${markerAt} declares ${segLen} bytes but the file ends at byte ${len}`,
      );
    }
    if (isSof(marker) && frame === null) {
      if (segLen < 8) throw new PhotoRefusal(`corrupt JPEG: frame header at byte ${markerAt} is too short`);
      const precision = bytes[pos + 2]!;
      const height = u16(pos + 3);
      const width = u16(pos + 5);
      const channels = bytes[pos + 7]!;
      if (width === 0 || height === 0 || channels === 0) {
        throw new PhotoRefusal(`unsupported JPEG: frame header declares ${width}×${height}×${channels} (DNL height is not supported)`);
      }
      if (marker !== 0xc0 && marker !== 0xc1 && marker !== 0xc2) {
        // jpeg-js decodes Huffman baseline/extended/progressive only; lossless and arithmetic need other codecs.
        throw new PhotoRefusal(`unsupported JPEG coding process (SOF FF${hex(marker)}): only baseline and progressive JPEG are read`);
      }
      frame = { width, height, channels, bitDepth: precision };
    }
    pos += segLen;
    if (marker === SOS) {
      if (!frame) throw new PhotoRefusal(`corrupt JPEG: scan at byte ${markerAt} before any frame header`);
      pos = endOfEntropyData(bytes, pos);
      if (pos >= len) throw new PhotoRefusal(`truncated: JPEG scan data runs to the end of the file (byte ${len}) without an EOI marker`);
    }
  }
  if (!frame) throw new PhotoRefusal('corrupt JPEG: EOI reached without a frame header');
  // Only DCT processes get here (lossless SOFs were refused above), so the pixels are lossy.
  return { format: 'jpeg', ...frame, lossy: true, warnings: [] };
}

/** Index of the first marker after entropy-coded data (0xFF followed by neither 0x00 stuffing nor RSTn). */
function endOfEntropyData(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i + 1 < bytes.length) {
    if (bytes[i] === 0xff) {
      const next = bytes[i + 1]!;
      if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
    }
    i++;
  }
  return bytes.length;
}

/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
