import type { DataSet, Element, Fragment } from 'dicom-parser';

/**
 * Returns the compressed bytes of frame `frameIndex` (0-based) of encapsulated pixel data.
 *
 * Fragments are grouped into frames using, in order of trust: a single frame (all fragments), the
 * Extended Offset Table, the Basic Offset Table, one fragment per frame, and finally the codestream start
 * markers at the head of each fragment (files written without any offset table, e.g. CT0012 *_no_bot).
 */
export function readEncapsulatedFrame(
  dataSet: DataSet,
  element: Element,
  frameIndex: number,
  numberOfFrames: number,
): Uint8Array {
  return concatFragments(dataSet.byteArray, frameFragments(dataSet, element, frameIndex, numberOfFrames));
}

/**
 * The fragments that make up frame `frameIndex`, without copying their bytes (the import's structural
 * check of later frames needs only their bounds, first and last bytes). Throws as readEncapsulatedFrame does.
 */
export function frameFragments(dataSet: DataSet, element: Element, frameIndex: number, numberOfFrames: number): Fragment[] {
  const fragments = element.fragments ?? [];
  if (fragments.length === 0) throw new Error('encapsulated pixel data holds no fragments');
  checkFragmentsInFile(dataSet, fragments);
  return fragmentsOfFrame(dataSet, element, fragments, frameIndex, numberOfFrames);
}

function checkFragmentsInFile(dataSet: DataSet, fragments: Fragment[]): void {
  const fileLength = dataSet.byteArray.length;
  fragments.forEach((f, i) => {
    if (f.position + f.length > fileLength) {
      throw new Error(
        `encapsulated pixel data is truncated: fragment ${i} claims ${f.length} bytes but only ${Math.max(0, fileLength - f.position)} remain in the file`,
      );
    }
  });
}

function fragmentsOfFrame(
  dataSet: DataSet,
  element: Element,
  fragments: Fragment[],
  frameIndex: number,
  numberOfFrames: number,
): Fragment[] {
  if (numberOfFrames === 1) return fragments;

  const extended = readExtendedOffsets(dataSet);
  if (extended && extended.length === numberOfFrames) return groupByOffsets(fragments, extended, frameIndex, 'Extended Offset Table');

  const bot = element.basicOffsetTable ?? [];
  if (bot.length === numberOfFrames) return groupByOffsets(fragments, bot, frameIndex, 'Basic Offset Table');

  if (fragments.length === numberOfFrames) return [fragments[frameIndex] as Fragment];

  // No usable table: a frame starts at each fragment that opens with a codestream start marker.
  const starts: number[] = [];
  fragments.forEach((f, i) => {
    if (startsCodestream(dataSet.byteArray, f)) starts.push(i);
  });
  if (starts.length !== numberOfFrames || starts[0] !== 0) {
    throw new Error(
      `cannot split ${fragments.length} fragments into ${numberOfFrames} frames: no offset table and ${starts.length} fragments start a codestream`,
    );
  }
  const first = starts[frameIndex] as number;
  const end = frameIndex + 1 < starts.length ? (starts[frameIndex + 1] as number) : fragments.length;
  return fragments.slice(first, end);
}

/** JPEG/JPEG-LS SOI, JPEG 2000 / HTJ2K codestream SOC, or a JP2 file signature box. */
function startsCodestream(bytes: Uint8Array, f: Fragment): boolean {
  const p = f.position;
  if (f.length < 2) return false;
  const b0 = bytes[p];
  const b1 = bytes[p + 1];
  if (b0 === 0xff && (b1 === 0xd8 || b1 === 0x4f)) return true;
  return f.length >= 8 && b0 === 0 && bytes[p + 1] === 0 && bytes[p + 2] === 0 && bytes[p + 3] === 0x0c &&
    bytes[p + 4] === 0x6a && bytes[p + 5] === 0x50;
}

function groupByOffsets(fragments: Fragment[], offsets: number[], frameIndex: number, tableName: string): Fragment[] {
  const start = offsets[frameIndex] as number;
  const end = frameIndex + 1 < offsets.length ? (offsets[frameIndex + 1] as number) : Number.POSITIVE_INFINITY;
  if (!(end > start)) throw new Error(`${tableName} entries ${frameIndex} and ${frameIndex + 1} are not increasing`);
  const group = fragments.filter((f) => f.offset >= start && f.offset < end);
  if (group.length === 0 || (group[0] as Fragment).offset !== start) {
    throw new Error(`${tableName} entry ${frameIndex} (${start}) does not point at a fragment`);
  }
  return group;
}

/** Extended Offset Table (7FE0,0001), 64-bit offsets on the same basis as the Basic Offset Table. */
function readExtendedOffsets(dataSet: DataSet): number[] | undefined {
  const el = dataSet.elements['x7fe00001'];
  if (!el || el.length === 0 || el.length % 8 !== 0) return undefined;
  const bytes = dataSet.byteArray;
  if (el.dataOffset + el.length > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + el.dataOffset, el.length);
  const offsets: number[] = [];
  for (let i = 0; i < el.length; i += 8) offsets.push(Number(view.getBigUint64(i, true)));
  return offsets;
}

function concatFragments(bytes: Uint8Array, group: Fragment[]): Uint8Array {
  const total = group.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const f of group) {
    out.set(bytes.subarray(f.position, f.position + f.length), at);
    at += f.length;
  }
  return out;
}
