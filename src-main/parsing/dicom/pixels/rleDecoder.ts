import type { PixelModule } from './pixelModule';

const HEADER_BYTES = 64;

/**
 * Decodes one DICOM RLE Lossless frame (PS3.5 Annex G) to little-endian, pixel-interleaved bytes.
 *
 * The frame is a 64-byte header (segment count, then up to 15 segment offsets) followed by PackBits
 * segments. Each segment holds one byte plane: for every sample in turn, its most significant byte first.
 */
export function decodeRle(frame: Uint8Array, module: PixelModule): Uint8Array {
  const bytesPerSample = module.bitsAllocated / 8;
  const pixels = module.rows * module.columns;
  const offsets = rleSegmentOffsets(frame.subarray(0, HEADER_BYTES), frame.length, module);
  const expectedSegments = offsets.length - 1;

  const out = new Uint8Array(pixels * expectedSegments);
  for (let s = 0; s < expectedSegments; s++) {
    const start = offsets[s] as number;
    const end = offsets[s + 1] as number;
    const sample = Math.floor(s / bytesPerSample);
    const byteOfSample = s % bytesPerSample; // 0 = most significant
    // Position of this byte plane inside the little-endian interleaved output.
    const firstOut = sample * bytesPerSample + (bytesPerSample - 1 - byteOfSample);
    const stride = expectedSegments;
    const decoded = unpackBits(frame, start, end, pixels, s);
    for (let i = 0; i < pixels; i++) out[firstOut + i * stride] = decoded[i] as number;
  }
  return out;
}

/**
 * Throws exactly when decodeRle would, without producing pixels: the header is checked and every segment
 * is walked run by run (the byte-plane interleave that a decode then does cannot fail). Import proves an
 * RLE frame with this: 0.1 ms instead of 3 ms for a 512×512 16-bit frame.
 */
export function checkRle(frame: Uint8Array, module: PixelModule): void {
  const pixels = module.rows * module.columns;
  const offsets = rleSegmentOffsets(frame.subarray(0, HEADER_BYTES), frame.length, module);
  for (let s = 0; s < offsets.length - 1; s++) unpackBits(frame, offsets[s] as number, offsets[s + 1] as number, pixels, s, false);
}

/**
 * Reads and checks an RLE frame's 64-byte header against the image: the segment count the pixel module
 * needs and offsets that stay inside the frame (`frameLength` bytes) in increasing order. Returns the
 * segment start offsets followed by the frame length. Needs only the header bytes, so the import can
 * check every frame's structure without decoding it.
 */
export function rleSegmentOffsets(header: Uint8Array, frameLength: number, module: PixelModule): number[] {
  if (module.bitsAllocated === 1) throw new Error('RLE: BitsAllocated 1 is not supported');
  const expectedSegments = module.samplesPerPixel * (module.bitsAllocated / 8);
  if (frameLength < HEADER_BYTES || header.length < HEADER_BYTES) {
    throw new Error(`RLE: frame holds ${frameLength} bytes, less than the 64-byte header`);
  }
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  const segmentCount = view.getUint32(0, true);
  if (segmentCount !== expectedSegments) {
    throw new Error(`RLE: header declares ${segmentCount} segments, the image needs ${expectedSegments}`);
  }
  const offsets: number[] = [];
  for (let s = 0; s < segmentCount; s++) offsets.push(view.getUint32(4 + 4 * s, true));
  offsets.push(frameLength);
  for (let s = 0; s < segmentCount; s++) {
    const start = offsets[s] as number;
    const end = offsets[s + 1] as number;
    if (start < HEADER_BYTES || end > frameLength || end < start) {
      throw new Error(`RLE: segment ${s} has an invalid offset ${start} (frame is ${frameLength} bytes)`);
    }
  }
  return offsets;
}

/**
 * PackBits decode of frame[start, end) into exactly `needed` bytes; extra trailing output is ignored.
 * With `write` false the runs are only walked and counted (same refusals, no output).
 */
function unpackBits(frame: Uint8Array, start: number, end: number, needed: number, segment: number, write = true): Uint8Array {
  // Room for one overlong run so a run crossing `needed` does not need a bounds check per byte.
  const out = new Uint8Array(write ? needed + 128 : 0);
  let o = 0;
  let i = start;
  while (o < needed && i < end) {
    const n = frame[i++] as number;
    if (n < 128) {
      const count = n + 1; // literal run of n+1 bytes
      if (i + count > end) throw new Error(`RLE: segment ${segment} literal run overruns the segment`);
      if (write) out.set(frame.subarray(i, i + count), o);
      i += count;
      o += count;
    } else if (n > 128) {
      if (i >= end) throw new Error(`RLE: segment ${segment} replicate run has no byte to repeat`);
      const count = 257 - n; // replicate next byte 257-n times
      if (write) out.fill(frame[i] as number, o, o + count);
      i++;
      o += count;
    } // n === 128 (-128) is a no-op
  }
  if (o < needed) throw new Error(`RLE: segment ${segment} decoded to ${o} bytes, the frame needs ${needed}`);
  return out;
}
