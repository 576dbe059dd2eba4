import type { PixelModule } from './pixelModule';

export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** Any array-like of integers a codec hands back (decoded values, one per sample). */
export type SampleSource = ArrayLike<number>;

/** Allocates the output array that DecodedFrame promises for this BitsAllocated/PixelRepresentation. */
export function allocateOutput(module: PixelModule, length: number): PixelArray {
  const signed = module.pixelRepresentation === 1;
  switch (module.bitsAllocated) {
    case 1:
      return new Uint8Array(length);
    case 8:
      return signed ? new Int8Array(length) : new Uint8Array(length);
    case 16:
      return signed ? new Int16Array(length) : new Uint16Array(length);
    case 32:
      return signed ? new Int32Array(length) : new Uint32Array(length);
  }
}

/**
 * Copies decoded samples into the output array, keeping only the BitsStored bits that HighBit points at
 * and sign-extending them when PixelRepresentation is 1. Native words may carry overlay or garbage bits
 * above HighBit, and codecs hand signed data back either sign-extended or as raw bit patterns; masking
 * then sign-extending gives the same stored value in every case.
 *
 * `shiftToHighBit` is true for native/RLE words (bits sit where HighBit says) and false for codec output
 * (codecs return the value in the low bits). `length` drops any padding samples a codec appended.
 */
export function toStoredValues(
  source: SampleSource,
  module: PixelModule,
  shiftToHighBit: boolean,
  length = source.length,
): PixelArray {
  const out = allocateOutput(module, length);
  const bits = module.bitsStored;
  const shift = shiftToHighBit ? module.highBit + 1 - bits : 0;
  const signed = module.pixelRepresentation === 1;
  if (bits === module.bitsAllocated && bits !== 1 && shift === 0) {
    // Full-width values: the typed array's own conversion (modulo 2^bits, two's complement for signed
    // output) is exactly the masking and sign extension below, done natively in one pass.
    out.set(ArrayBuffer.isView(source) ? (source as PixelArray).subarray(0, length) : Array.prototype.slice.call(source, 0, length));
    return out;
  }
  const mask = 2 ** bits - 1;
  const signBit = 2 ** (bits - 1);
  const range = 2 ** bits;
  // The generic loop below sees every source and output type there is, which makes its element accesses
  // megamorphic (≈ 10× slower); native 16-bit words, the bulk of CT/MR, get a loop of their own.
  if (source instanceof Uint16Array && (out instanceof Uint16Array || out instanceof Int16Array)) {
    maskWords16(source, out, length, shift, mask, signed ? signBit : range, range);
    return out;
  }
  for (let i = 0; i < length; i++) {
    // >>> 0 turns a negative (already sign-extended) codec value into its two's-complement bit pattern.
    let v = (((source[i] as number) >>> shift) & mask) >>> 0;
    if (signed && v >= signBit) v -= range;
    out[i] = v;
  }
  return out;
}

/** The loop of toStoredValues for 16-bit words; `signBit` = `range` for unsigned data (never subtracts). */
function maskWords16(
  source: Uint16Array,
  out: Uint16Array | Int16Array,
  length: number,
  shift: number,
  mask: number,
  signBit: number,
  range: number,
): void {
  for (let i = 0; i < length; i++) {
    let v = ((source[i] as number) >>> shift) & mask;
    if (v >= signBit) v -= range;
    out[i] = v;
  }
}

/**
 * Views little-endian stored bytes as words of BitsAllocated. Bytes at an offset that is not a multiple
 * of the word size (pixel data inside a file buffer can start at an odd offset, which typed-array views
 * cannot) are copied into a fresh aligned buffer first; aligned bytes are viewed in place.
 */
export function wordsFromLittleEndianBytes(bytes: Uint8Array, bitsAllocated: 8 | 16 | 32): SampleSource {
  if (bitsAllocated === 8) return bytes;
  const width = bitsAllocated / 8;
  // Frames read out of the file are already fresh, aligned copies: view them instead of copying again.
  // The view aliases `bytes`, which callers only pass on to toStoredValues (it copies).
  const aligned = bytes.byteOffset % width === 0 ? bytes : Uint8Array.prototype.slice.call(bytes);
  // Node and every platform Electron ships on are little-endian, so a plain view reads LE words.
  return bitsAllocated === 16
    ? new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.length >> 1)
    : new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
}
