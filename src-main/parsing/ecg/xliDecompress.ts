/**
 * Philips "XLI" waveform compression, as used in Sierra/PhilipsECG XML <parsedwaveforms>. The Base64
 * payload is a run of per-lead chunks:
 *   int32 LE  length of the LZW data that follows
 *   uint16 LE (unused by decoding)
 *   int16 LE  seed of the second-difference predictor
 *   LZW data  (10-bit codes, MSB first, 256 single-byte roots, no clear code)
 * The LZW output is the residual stream split into planes (all high bytes, then all low bytes);
 * re-joined, the int16 residuals r[i] (stored +64) drive a second-order predictor:
 *   x[0], x[1] as stored;  x[i] = 2·x[i−1] − x[i−2] − r[i−1]   (r[1] taken from the chunk header)
 */

const CODE_BITS = 10;
/** Highest code the dictionary assigns; the encoder stops growing it there and keeps using it as is. */
const MAX_CODE = (1 << CODE_BITS) - 2;

/**
 * LZW-decodes `data` into at most `maxOut` bytes. The cap is the caller's expected size, so a hostile
 * stream cannot make us allocate more than the declared waveform needs.
 */
export function lzwDecode(data: Uint8Array, maxOut: number): Uint8Array {
  const out = new Uint8Array(maxOut);
  let outLen = 0;
  // Dictionary as (prefix code, last byte, length) triples: entries are rebuilt by walking prefixes.
  const prefix = new Int32Array(MAX_CODE + 1);
  const suffix = new Uint8Array(MAX_CODE + 1);
  const length = new Int32Array(MAX_CODE + 1);
  for (let c = 0; c < 256; c++) {
    prefix[c] = -1;
    suffix[c] = c;
    length[c] = 1;
  }
  let next = 256;
  let prev = -1;
  let bitBuf = 0;
  let bitCount = 0;
  let pos = 0;
  const firstByte = (code: number): number => {
    let c = code;
    while (prefix[c]! >= 0) c = prefix[c]!;
    return suffix[c]!;
  };
  const emit = (code: number): void => {
    const len = length[code]!;
    if (outLen + len > maxOut) throw new Error('XLI: decompressed data larger than the declared waveform');
    let c = code;
    for (let k = outLen + len - 1; k >= outLen; k--) {
      out[k] = suffix[c]!;
      c = prefix[c]!;
    }
    outLen += len;
  };
  // The stream ends with padding (an all-ones code was seen after the last sample), so decoding stops
  // as soon as the declared number of bytes has been produced.
  while (outLen < maxOut) {
    while (bitCount < CODE_BITS && pos < data.length) {
      bitBuf = ((bitBuf << 8) | data[pos++]!) & 0xffffff;
      bitCount += 8;
    }
    if (bitCount < CODE_BITS) break;
    const code = (bitBuf >>> (bitCount - CODE_BITS)) & ((1 << CODE_BITS) - 1);
    bitCount -= CODE_BITS;
    if (prev < 0) {
      if (code > 255) throw new Error('XLI: LZW stream starts with a non-literal code');
      emit(code);
      prev = code;
      continue;
    }
    let newEntryLast: number;
    if (code < next) {
      newEntryLast = firstByte(code);
    } else if (code === next && next <= MAX_CODE) {
      // The KwKwK case: the code being defined right now is prev + first byte of prev.
      newEntryLast = firstByte(prev);
    } else {
      throw new Error(`XLI: invalid LZW code ${code} next=${next} out=${outLen} pos=${pos}/${data.length} bits=${bitCount}`);
    }
    if (next <= MAX_CODE) {
      prefix[next] = prev;
      suffix[next] = newEntryLast;
      length[next] = length[prev]! + 1;
      next++;
    }
    emit(code);
    prev = code;
  }
  return out.subarray(0, outLen);
}

/** Decodes one XLI payload (already Base64-decoded) into per-lead int16 sample arrays. */
export function xliDecode(payload: Uint8Array, samplesPerLead: number, maxLeads: number): Int16Array[] {
  const leads: Int16Array[] = [];
  const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let off = 0;
  while (off + 8 <= payload.length) {
    if (leads.length >= maxLeads) throw new Error(`XLI: more than ${maxLeads} lead chunks`);
    const size = dv.getInt32(off, true);
    const seed = dv.getInt16(off + 6, true);
    off += 8;
    if (size < 0 || off + size > payload.length) throw new Error(`XLI: chunk ${leads.length + 1} overruns the data`);
    const bytes = lzwDecode(payload.subarray(off, off + size), samplesPerLead * 2);
    off += size;
    if (bytes.length < samplesPerLead * 2) {
      throw new Error(`XLI: lead ${leads.length + 1} holds ${bytes.length >> 1} samples, ${samplesPerLead} declared`);
    }
    // Byte planes: high bytes of every sample first, then the low bytes.
    const res = new Int16Array(samplesPerLead);
    for (let i = 0; i < samplesPerLead; i++) res[i] = (bytes[i]! << 8) | bytes[samplesPerLead + i]!;
    leads.push(undoSecondDifference(res, seed));
  }
  if (off !== payload.length) throw new Error('XLI: trailing bytes after the last lead chunk');
  return leads;
}

/** Inverts the second-difference predictor in place (int16 wrap-around, as the encoder's arithmetic). */
function undoSecondDifference(r: Int16Array, seed: number): Int16Array {
  if (r.length < 3) return r;
  let x = r[0]!;
  let y = r[1]!;
  let last = seed;
  for (let i = 2; i < r.length; i++) {
    const z = ((2 * y - x - last) << 16) >> 16;
    last = r[i]! - 64;
    r[i] = z;
    x = y;
    y = z;
  }
  return r;
}
