import dicomParser, { type DataSet } from 'dicom-parser';

/** An element of a hand-built Explicit VR Little Endian data set. */
export interface SyntheticElement {
  tag: [number, number];
  vr: 'US' | 'CS' | 'IS' | 'OB' | 'OW';
  value: number | string | Uint8Array;
}

/**
 * Builds and parses a headerless Explicit VR LE data set, so tests can describe exact edge cases (odd bit
 * offsets, absurd sizes, truncation) that no corpus file has.
 */
export function syntheticDataSet(elements: SyntheticElement[]): DataSet {
  const parts: Uint8Array[] = [];
  for (const { tag, vr, value } of elements) {
    let body: Uint8Array;
    if (vr === 'US') body = new Uint8Array(new Uint16Array([value as number]).buffer);
    else if (typeof value === 'string') body = new TextEncoder().encode(value.length % 2 ? `${value} ` : value);
    else body = value as Uint8Array;
    const long = vr === 'OB' || vr === 'OW';
    const head = new DataView(new ArrayBuffer(long ? 12 : 8));
    head.setUint16(0, tag[0], true);
    head.setUint16(2, tag[1], true);
    head.setUint8(4, vr.charCodeAt(0));
    head.setUint8(5, vr.charCodeAt(1));
    if (long) head.setUint32(8, body.length, true);
    else head.setUint16(6, body.length, true);
    parts.push(new Uint8Array(head.buffer), body);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2.1' });
}

/** Image Pixel module elements of a monochrome image, with Pixel Data as the last element. */
export function monochrome(
  rows: number,
  columns: number,
  bitsAllocated: number,
  frames: number,
  pixelData: Uint8Array,
): SyntheticElement[] {
  return [
    { tag: [0x0028, 0x0002], vr: 'US', value: 1 },
    { tag: [0x0028, 0x0004], vr: 'CS', value: 'MONOCHROME2' },
    { tag: [0x0028, 0x0008], vr: 'IS', value: String(frames) },
    { tag: [0x0028, 0x0010], vr: 'US', value: rows },
    { tag: [0x0028, 0x0011], vr: 'US', value: columns },
    { tag: [0x0028, 0x0100], vr: 'US', value: bitsAllocated },
    { tag: [0x0028, 0x0101], vr: 'US', value: bitsAllocated },
    { tag: [0x0028, 0x0102], vr: 'US', value: bitsAllocated - 1 },
    { tag: [0x0028, 0x0103], vr: 'US', value: 0 },
    { tag: [0x7fe0, 0x0010], vr: bitsAllocated > 8 ? 'OW' : 'OB', value: pixelData },
  ];
}
