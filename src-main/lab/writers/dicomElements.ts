/**
 * A minimal DICOM Part-10 encoder: explicit VR little endian only, no sequences. Enough for the
 * single-frame images the phantom lab writes; every value is padded to even length as PS3.5 §7.1 requires.
 */

export type Vr = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UI' | 'US' | 'UL' | 'OB' | 'OW';

/** One attribute: tag as 0xGGGGEEEE, its VR, and a value (text, numbers, or raw bytes for OB/OW). */
export interface DicomAttribute {
  tag: number;
  vr: Vr;
  value: string | number | readonly number[] | Uint8Array;
}

/** VRs with a 2-byte reserved field and a 32-bit length (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set<Vr>(['OB', 'OW']);

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Decimal String: at most 16 characters, no exponent for the magnitudes the lab uses. */
export function formatDs(v: number): string {
  for (let digits = 10; digits > 0; digits--) {
    const s = String(Number(v.toPrecision(digits)));
    if (s.length <= 16) return s;
  }
  throw new Error(`DS value ${v} does not fit 16 characters`);
}

function textBytes(attr: DicomAttribute): Uint8Array {
  const { vr, value } = attr;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = vr === 'DS' ? formatDs(value) : String(value);
  else if (value instanceof Uint8Array) throw new Error(`tag ${hex(attr.tag)}: bytes given for text VR ${vr}`);
  else text = value.map((v) => (vr === 'DS' ? formatDs(v) : String(v))).join('\\');
  if (/[^\x20-\x7e]/.test(text)) throw new Error(`tag ${hex(attr.tag)}: only printable ASCII is written`);
  // UIDs pad with NUL, every other text VR with a space.
  if (text.length % 2 === 1) text += vr === 'UI' ? '\0' : ' ';
  return Buffer.from(text, 'latin1');
}

function binaryBytes(attr: DicomAttribute): Uint8Array {
  const { vr, value } = attr;
  if (vr === 'OB' || vr === 'OW') {
    if (!(value instanceof Uint8Array)) throw new Error(`tag ${hex(attr.tag)}: ${vr} needs bytes`);
    if (value.length % 2 === 0) return value;
    const padded = new Uint8Array(value.length + 1);
    padded.set(value);
    return padded;
  }
  const numbers = typeof value === 'number' ? [value] : value instanceof Uint8Array || typeof value === 'string' ? null : value;
  if (!numbers) throw new Error(`tag ${hex(attr.tag)}: ${vr} needs numbers`);
  const size = vr === 'US' ? 2 : 4;
  const out = Buffer.alloc(numbers.length * size);
  numbers.forEach((n, i) => (size === 2 ? out.writeUInt16LE(n, i * 2) : out.writeUInt32LE(n, i * 4)));
  return out;
}

/** Encodes one element (tag, VR, length, value). */
export function encodeElement(attr: DicomAttribute): Uint8Array {
  const value = attr.vr === 'US' || attr.vr === 'UL' || attr.vr === 'OB' || attr.vr === 'OW' ? binaryBytes(attr) : textBytes(attr);
  const long = LONG_VRS.has(attr.vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(attr.tag >>> 16, 0);
  head.writeUInt16LE(attr.tag & 0xffff, 2);
  head.write(attr.vr, 4, 'latin1');
  if (long) head.writeUInt32LE(value.length, 8);
  else {
    if (value.length > 0xffff) throw new Error(`tag ${hex(attr.tag)}: value too long for VR ${attr.vr}`);
    head.writeUInt16LE(value.length, 6);
  }
  return Buffer.concat([head, value]);
}

/** Elements in ascending tag order (PS3.5 §7.1: a data set is sorted by tag); duplicate tags are a bug. */
export function encodeDataSet(attrs: readonly DicomAttribute[]): Uint8Array {
  const sorted = [...attrs].sort((a, b) => a.tag - b.tag);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.tag === sorted[i - 1]!.tag) throw new Error(`duplicate DICOM tag ${hex(sorted[i]!.tag)}`);
  }
  return Buffer.concat(sorted.map(encodeElement));
}

/**
 * A Part-10 file: 128-byte zero preamble, "DICM", File Meta group 0002 (with its group length), data set.
 */
export function encodePart10(meta: { sopClassUid: string; sopInstanceUid: string; implementationUid: string }, dataSet: readonly DicomAttribute[]): Uint8Array {
  const metaBody = encodeDataSet([
    { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: 0x00020002, vr: 'UI', value: meta.sopClassUid },
    { tag: 0x00020003, vr: 'UI', value: meta.sopInstanceUid },
    { tag: 0x00020010, vr: 'UI', value: EXPLICIT_VR_LITTLE_ENDIAN },
    { tag: 0x00020012, vr: 'UI', value: meta.implementationUid },
    { tag: 0x00020013, vr: 'SH', value: 'QOQ_PHANTOM_1' },
  ]);
  const groupLength = encodeElement({ tag: 0x00020000, vr: 'UL', value: metaBody.length });
  const preamble = new Uint8Array(128);
  return Buffer.concat([preamble, Buffer.from('DICM', 'latin1'), groupLength, metaBody, encodeDataSet(dataSet)]);
}

function hex(tag: number): string {
  return `(${(tag >>> 16).toString(16).padStart(4, '0')},${(tag & 0xffff).toString(16).padStart(4, '0')})`;
}
