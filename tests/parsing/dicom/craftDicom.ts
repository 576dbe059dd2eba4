/**
 * Builds small DICOM byte streams for crafted-input tests, element by element (PS3.5 §7.1), so each test
 * shows exactly which bytes are malformed. Explicit VR Little Endian unless stated.
 */

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const UNDEFINED = 0xffffffff;

function u16(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** Text value padded to even length (UI with NUL, others with space). */
export function text(value: string, vr: string): number[] {
  const bytes = ascii(value);
  if (bytes.length % 2) bytes.push(vr === 'UI' ? 0 : 0x20);
  return bytes;
}

/** One explicit-LE element; `declaredLength` overrides the real length (to lie about it). */
export function el(group: number, element: number, vr: string, value: number[] | string, declaredLength?: number): number[] {
  const bytes = typeof value === 'string' ? text(value, vr) : value;
  const length = declaredLength ?? bytes.length;
  const header = [...u16(group), ...u16(element), ...ascii(vr)];
  return LONG_VRS.has(vr) ? [...header, 0, 0, ...u32(length), ...bytes] : [...header, ...u16(length), ...bytes];
}

export function us(group: number, element: number, value: number): number[] {
  return el(group, element, 'US', u16(value));
}

/** An item (undefined length unless `defined`) holding `content`. */
export function item(content: number[], defined = false): number[] {
  return defined
    ? [...u16(0xfffe), ...u16(0xe000), ...u32(content.length), ...content]
    : [...u16(0xfffe), ...u16(0xe000), ...u32(UNDEFINED), ...content, ...u16(0xfffe), ...u16(0xe00d), ...u32(0)];
}

/** A sequence of undefined length with the given items. */
export function sq(group: number, element: number, items: number[][]): number[] {
  return [
    ...el(group, element, 'SQ', [], UNDEFINED),
    ...items.flat(),
    ...u16(0xfffe), ...u16(0xe0dd), ...u32(0),
  ];
}

/** Part-10 file: preamble (zeros unless given), DICM, File Meta with group length, then `dataSet`. */
export function part10(
  dataSet: number[],
  opts: { transferSyntax?: string; sopClass?: string; preamble?: number[] } = {},
): Uint8Array {
  const sopClass = opts.sopClass ?? '1.2.840.10008.5.1.4.1.1.7';
  const metaBody = [
    ...el(0x0002, 0x0001, 'OB', [0, 1]),
    ...el(0x0002, 0x0002, 'UI', sopClass),
    ...el(0x0002, 0x0003, 'UI', '1.2.3.4.5'),
    ...el(0x0002, 0x0010, 'UI', opts.transferSyntax ?? '1.2.840.10008.1.2.1'),
  ];
  const preamble = new Array<number>(128).fill(0);
  (opts.preamble ?? []).forEach((b, i) => (preamble[i] = b));
  return new Uint8Array([
    ...preamble,
    ...ascii('DICM'),
    ...el(0x0002, 0x0000, 'UL', u32(metaBody.length)),
    ...metaBody,
    ...dataSet,
  ]);
}

/** A minimal valid image data set (Secondary Capture, 2×2 8-bit) to wrap around the malformed part. */
export function minimalImage(extra: number[] = [], pixels: number[] = [1, 2, 3, 4]): number[] {
  return [
    ...el(0x0008, 0x0016, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    ...el(0x0008, 0x0018, 'UI', '1.2.3.4.5'),
    ...el(0x0008, 0x0060, 'CS', 'OT'),
    ...extra,
    ...us(0x0028, 0x0002, 1),
    ...el(0x0028, 0x0004, 'CS', 'MONOCHROME2'),
    ...us(0x0028, 0x0010, 2),
    ...us(0x0028, 0x0011, 2),
    ...us(0x0028, 0x0100, 8),
    ...us(0x0028, 0x0101, 8),
    ...us(0x0028, 0x0102, 7),
    ...us(0x0028, 0x0103, 0),
    ...el(0x7fe0, 0x0010, 'OB', pixels),
  ];
}
