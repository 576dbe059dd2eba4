import { PhotoRefusal } from './PhotoRefusal';
import type { PhotoHeader } from './PhotoHeader';

/** Tags that UTIF.decodeImage/toRGBA8 read; nothing else is copied into the IFD handed to it. */
const DECODE_TAGS = new Set([
  254, 256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 284, 317, 320, 322, 323, 324, 325, 338, 339, 347, 530, 532,
]);
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
/** No real IFD0 has more entries; a larger count is a corrupt or hostile file. */
const MAX_ENTRIES = 4096;

/** The first image of a TIFF: header facts plus an IFD object in the shape UTIF.decodeImage expects. */
export interface TiffFirstImage {
  header: PhotoHeader;
  /** `t<tag>` → values, as UTIF stores them (JPEGTables as bytes). */
  ifd: Record<string, number[] | Uint8Array>;
}

/**
 * Reads IFD0 itself, with every offset bounds-checked, instead of UTIF.decode: that follows IFD chains
 * without a cycle guard and trusts declared counts, which a hostile file can exploit. Also checks that every
 * strip/tile lies inside the file, so a cut-off TIFF is refused as truncated rather than decoded as zeros.
 */
export function readTiffHeader(bytes: Uint8Array): TiffFirstImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  if (view.getUint16(2, le) === 43) throw new PhotoRefusal('unsupported TIFF: BigTIFF is not read');
  const len = bytes.length;
  if (len < 8) throw new PhotoRefusal(`truncated: TIFF of ${len} bytes has no IFD offset`);
  const ifdAt = view.getUint32(4, le);
  if (ifdAt + 2 > len) throw new PhotoRefusal(`truncated: TIFF image directory at byte ${ifdAt} is past the end of the file (${len} bytes)`);
  const count = view.getUint16(ifdAt, le);
  if (count === 0 || count > MAX_ENTRIES) throw new PhotoRefusal(`corrupt TIFF: image directory has ${count} entries`);
  if (ifdAt + 2 + count * 12 + 4 > len) throw new PhotoRefusal(`truncated: TIFF image directory at byte ${ifdAt} runs past the end of the file`);

  const ifd: Record<string, number[] | Uint8Array> = {};
  for (let e = 0; e < count; e++) {
    const at = ifdAt + 2 + e * 12;
    const tag = view.getUint16(at, le);
    if (!DECODE_TAGS.has(tag)) continue;
    const type = view.getUint16(at + 2, le);
    const n = view.getUint32(at + 4, le);
    const size = TYPE_SIZES[type];
    if (size === undefined) throw new PhotoRefusal(`corrupt TIFF: tag ${tag} has unknown type ${type}`);
    const total = n * size;
    const valueAt = total <= 4 ? at + 8 : view.getUint32(at + 8, le);
    if (valueAt + total > len) throw new PhotoRefusal(`truncated: TIFF tag ${tag} values at byte ${valueAt} run past the end of the file`);
    if (type === 1 || type === 7 || type === 2 || type === 6) {
      ifd[`t${tag}`] = tag === 347 ? bytes.slice(valueAt, valueAt + total) : Array.from(bytes.subarray(valueAt, valueAt + total));
      continue;
    }
    const values: number[] = [];
    for (let i = 0; i < n; i++) values.push(readValue(view, type, valueAt + i * size, le));
    ifd[`t${tag}`] = values;
  }

  const first = (tag: number, fallback?: number): number => {
    const v = ifd[`t${tag}`]?.[0] ?? fallback;
    if (v === undefined) throw new PhotoRefusal(`corrupt TIFF: required tag ${tag} is missing`);
    return v;
  };
  const width = first(256);
  const height = first(257);
  const channels = first(277, 1);
  const bitDepth = first(258, 1);
  const compression = first(259, 1);
  if (width === 0 || height === 0 || channels === 0) throw new PhotoRefusal(`corrupt TIFF: image is ${width}×${height}×${channels}`);

  checkDataInsideFile(ifd, len);
  const warnings: string[] = [];
  if (view.getUint32(ifdAt + 2 + count * 12, le) !== 0) warnings.push('TIFF holds more than one image; only the first was imported');
  return {
    header: { format: 'tiff', width, height, channels, bitDepth, lossy: compression === 6 || compression === 7, warnings },
    ifd,
  };
}

function checkDataInsideFile(ifd: Record<string, number[] | Uint8Array>, len: number): void {
  const tiled = ifd['t324'] !== undefined;
  const offsets = ifd[tiled ? 't324' : 't273'];
  const counts = ifd[tiled ? 't325' : 't279'];
  const what = tiled ? 'tile' : 'strip';
  if (!offsets || offsets.length === 0) throw new PhotoRefusal(`corrupt TIFF: no ${what} offsets`);
  if (!counts || counts.length !== offsets.length) throw new PhotoRefusal(`corrupt TIFF: ${what} byte counts missing or mismatched`);
  for (let i = 0; i < offsets.length; i++) {
    const end = offsets[i]! + counts[i]!;
    if (end > len) {
      throw new PhotoRefusal(`truncated: TIFF ${what} ${i} ends at byte ${end} but the file has only ${len} bytes`);
    }
  }
}

function readValue(view: DataView, type: number, at: number, le: boolean): number {
  switch (type) {
    case 3:
      return view.getUint16(at, le);
    case 8:
      return view.getInt16(at, le);
    case 4:
    case 13:
      return view.getUint32(at, le);
    case 9:
      return view.getInt32(at, le);
    case 11:
      return view.getFloat32(at, le);
    case 12:
      return view.getFloat64(at, le);
    case 5:
      return view.getUint32(at, le) / (view.getUint32(at + 4, le) || 1);
    default:
      return view.getInt32(at, le) / (view.getInt32(at + 4, le) || 1); // 10 SRATIONAL
  }
}
