/**
 * Decoders for WFDB signal-file storage formats. All signals stored in one file are interleaved frame by
 * frame (sample t of signal 0, of signal 1, …). Each decoder returns digital (ADC) values; the caller
 * applies gain and baseline.
 */

/** Formats this reader decodes, with the bytes one sample occupies (212 packs 2 samples in 3 bytes). */
export const WFDB_BYTES_PER_SAMPLE: Record<number, number> = { 16: 2, 61: 2, 80: 1, 212: 1.5, 24: 3, 32: 4 };

/** WFDB's "invalid sample" marker per format: the most negative value the format can store. */
const INVALID: Record<number, number> = { 16: -32768, 61: -32768, 80: -128, 212: -2048, 24: -8388608, 32: -2147483648 };

/** Bytes needed for `frames` frames of `nSignals` signals in `format`. */
export function wfdbBytesNeeded(format: number, nSignals: number, frames: number): number {
  const per = WFDB_BYTES_PER_SAMPLE[format];
  if (per === undefined) throw new Error(`WFDB format ${format} is not supported`);
  return Math.ceil(nSignals * frames * per);
}

/**
 * Decodes `frames` frames of `nSignals` interleaved signals. Returns one Float64Array of digital values
 * per signal; WFDB's invalid-sample marker becomes NaN so it never reads as a real voltage.
 */
export function decodeWfdbSamples(bytes: Uint8Array, format: number, nSignals: number, frames: number): Float64Array[] {
  const needed = wfdbBytesNeeded(format, nSignals, frames);
  if (bytes.length < needed) throw new Error(`signal data has ${bytes.length} bytes, ${needed} needed`);
  const out = Array.from({ length: nSignals }, () => new Float64Array(frames));
  const total = nSignals * frames;
  const invalid = INVALID[format]!;
  const put = (i: number, v: number): void => {
    out[i % nSignals]![Math.floor(i / nSignals)] = v === invalid ? Number.NaN : v;
  };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 16:
      for (let i = 0; i < total; i++) put(i, dv.getInt16(2 * i, true));
      break;
    case 61:
      for (let i = 0; i < total; i++) put(i, dv.getInt16(2 * i, false));
      break;
    case 80:
      // Offset binary: 128 is zero.
      for (let i = 0; i < total; i++) put(i, bytes[i]! - 128);
      break;
    case 24:
      for (let i = 0; i < total; i++) {
        const p = 3 * i;
        put(i, ((bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16)) << 8) >> 8);
      }
      break;
    case 32:
      for (let i = 0; i < total; i++) put(i, dv.getInt32(4 * i, true));
      break;
    case 212:
      // Two 12-bit two's-complement samples in 3 bytes: the first is byte0 plus the low nibble of byte1
      // as its high bits; the second is byte2 plus the high nibble of byte1.
      for (let i = 0; i < total; i += 2) {
        const p = (i / 2) * 3;
        const b1 = bytes[p + 1]!;
        put(i, (((bytes[p]! | ((b1 & 0x0f) << 8)) << 20) >> 20));
        if (i + 1 < total) put(i + 1, (((bytes[p + 2]! | ((b1 & 0xf0) << 4)) << 20) >> 20));
      }
      break;
    default:
      throw new Error(`WFDB format ${format} is not supported`);
  }
  return out;
}

/** WFDB checksum: the 16-bit two's-complement sum of all samples of a signal. */
export function wfdbChecksum(digital: Float64Array): number {
  let sum = 0;
  for (const v of digital) sum = (sum + (Number.isNaN(v) ? 0 : v)) | 0;
  return (sum << 16) >> 16;
}
