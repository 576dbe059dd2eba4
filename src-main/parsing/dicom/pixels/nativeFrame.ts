import type { DataSet, Element } from 'dicom-parser';
import type { PixelModule } from './pixelModule';

/** Bytes one native frame occupies (YBR_FULL_422 stores two samples per pixel on average). */
export function nativeFrameBits(module: PixelModule): number {
  const samples = module.photometric === 'YBR_FULL_422' ? 2 : module.samplesPerPixel;
  return module.rows * module.columns * samples * module.bitsAllocated;
}

/** Pixel data bytes actually present: the element may claim more than a truncated file holds. */
function availableBytes(dataSet: DataSet, element: Element): number {
  const inFile = Math.max(0, dataSet.byteArray.length - element.dataOffset);
  return Math.min(element.length, inFile);
}

/**
 * Throws when native frame `frameIndex` does not lie wholly inside the pixel data the file holds; returns
 * the bytes held. 1-bit frames run on without padding (see readBitPackedFrame), so they end mid-byte.
 */
export function assertNativeFrameHeld(dataSet: DataSet, element: Element, module: PixelModule, frameIndex: number): number {
  const frameBits = nativeFrameBits(module);
  const needed = module.bitsAllocated === 1 ? Math.ceil(((frameIndex + 1) * frameBits) / 8) : ((frameIndex + 1) * frameBits) / 8;
  const held = availableBytes(dataSet, element);
  if (needed > held) throw new Error(`pixel data holds ${held} bytes, frame ${frameIndex} needs ${needed}`);
  return held;
}

/**
 * Returns frame `frameIndex` of native (uncompressed) pixel data as little-endian bytes in a new array.
 *
 * Big endian data is swapped per word of BitsAllocated. 8-bit data with VR OW was swapped as 16-bit
 * words by the big endian encoder (PS3.5 7.3), so it is swapped back in pairs.
 */
export function readNativeFrame(
  dataSet: DataSet,
  element: Element,
  module: PixelModule,
  frameIndex: number,
  bigEndian: boolean,
): Uint8Array {
  const frameBytes = nativeFrameBits(module) / 8;
  const start = frameIndex * frameBytes;
  const held = assertNativeFrameHeld(dataSet, element, module, frameIndex);

  let swapWidth = 0;
  if (bigEndian) swapWidth = module.bitsAllocated === 8 ? (element.vr === 'OW' ? 2 : 0) : module.bitsAllocated / 8;

  if (swapWidth === 2 && frameBytes % 2 === 1) {
    // Odd-length 8-bit frames inside OW: the pair swap straddles frames, so swap the covering words.
    const wordStart = start - (start % 2);
    const wordEnd = Math.min(held, start + frameBytes + ((start + frameBytes) % 2));
    const words = swapCopy(dataSet.byteArray, element.dataOffset + wordStart, wordEnd - wordStart, 2);
    return words.subarray(start - wordStart, start - wordStart + frameBytes);
  }
  if (swapWidth > 1) return swapCopy(dataSet.byteArray, element.dataOffset + start, frameBytes, swapWidth);
  return Uint8Array.prototype.slice.call(dataSet.byteArray, element.dataOffset + start, element.dataOffset + start + frameBytes);
}

function swapCopy(src: Uint8Array, offset: number, length: number, width: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i + width <= length; i += width) {
    for (let b = 0; b < width; b++) out[i + b] = src[offset + i + width - 1 - b] as number;
  }
  return out;
}

/**
 * Unpacks frame `frameIndex` of 1-bit data (DICOM SEG BINARY, overlays-in-pixel-data). Bits are packed
 * LSB first and run on across frame boundaries without padding (PS3.5 8.1.1), so frame k starts at bit
 * k × rows × columns, which is usually not a byte boundary.
 */
export function readBitPackedFrame(
  dataSet: DataSet,
  element: Element,
  module: PixelModule,
  frameIndex: number,
  bigEndian: boolean,
): Uint8Array {
  const frameBits = nativeFrameBits(module);
  const firstBit = frameIndex * frameBits;
  assertNativeFrameHeld(dataSet, element, module, frameIndex);

  const bytes = dataSet.byteArray;
  const base = element.dataOffset;
  // OW 1-bit data in big endian was swapped as 16-bit words; undo that by flipping the byte index.
  const swapPairs = bigEndian && element.vr === 'OW';
  const out = new Uint8Array(frameBits);
  for (let i = 0; i < frameBits; i++) {
    const bit = firstBit + i;
    let byteIndex = bit >> 3;
    if (swapPairs) byteIndex ^= 1;
    out[i] = ((bytes[base + byteIndex] as number) >> (bit & 7)) & 1;
  }
  return out;
}
