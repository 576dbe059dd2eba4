/**
 * Every codestream DICOM encapsulates (JPEG, JPEG-LS, JPEG 2000, HTJ2K) ends with the marker FF D9 (EOI/EOC).
 * Decoders do not insist on it: libjpeg pads a short stream with grey and OpenJPEG decodes a truncated
 * one at lower quality, both silently. So a frame without it is refused as truncated. FF D9 cannot occur
 * inside entropy-coded or packet data, so finding it near the end is enough; a few bytes of padding
 * after it (the even-length pad byte, vendor filler) are tolerated.
 */
const END_SEARCH_BYTES = 16;

export function checkCodestreamEnd(frame: Uint8Array, codecName: string): void {
  const from = Math.max(0, frame.length - END_SEARCH_BYTES);
  for (let i = frame.length - 2; i >= from; i--) {
    if (frame[i] === 0xff && frame[i + 1] === 0xd9) return;
  }
  throw new Error(`${codecName} codestream is truncated: it has no end marker (FF D9) after ${frame.length} bytes`);
}
