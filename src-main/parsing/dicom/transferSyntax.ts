/** Transfer syntax UIDs and what they imply for reading the data set (PS3.5 §10, PS3.6 Annex A). */

export const TS = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflatedExplicitLittle: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
} as const;

/** How the elements of a data set are laid out on disk. */
export interface DataSetEncoding {
  explicitVr: boolean;
  littleEndian: boolean;
}

export const EXPLICIT_LE: DataSetEncoding = { explicitVr: true, littleEndian: true };
export const IMPLICIT_LE: DataSetEncoding = { explicitVr: false, littleEndian: true };
export const EXPLICIT_BE: DataSetEncoding = { explicitVr: true, littleEndian: false };

/** Every transfer syntax other than implicit LE and explicit BE encodes the data set as explicit LE. */
export function encodingOf(tsUid: string): DataSetEncoding {
  if (tsUid === TS.implicitLittle) return IMPLICIT_LE;
  if (tsUid === TS.explicitBig) return EXPLICIT_BE;
  return EXPLICIT_LE;
}

/** The UID a reader would write for an encoding it had to infer. */
export function tsForEncoding(enc: DataSetEncoding): string {
  if (!enc.explicitVr) return TS.implicitLittle;
  return enc.littleEndian ? TS.explicitLittle : TS.explicitBig;
}

/**
 * Transfer syntaxes whose pixel data is (or may be) irreversibly compressed. JPEG 2000 (.91, .93) and
 * HTJ2K (.203) allow both; they count as lossy unless Lossy Image Compression (0028,2110) says "00"
 * (see `isLossy`). Near-lossless JPEG-LS (.81) is lossy by definition. MPEG/HEVC video is always lossy.
 */
const ALWAYS_LOSSY = new Set([
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.52',
  '1.2.840.10008.1.2.4.53',
  '1.2.840.10008.1.2.4.54',
  '1.2.840.10008.1.2.4.55',
  '1.2.840.10008.1.2.4.56',
  '1.2.840.10008.1.2.4.59',
  '1.2.840.10008.1.2.4.60',
  '1.2.840.10008.1.2.4.61',
  '1.2.840.10008.1.2.4.62',
  '1.2.840.10008.1.2.4.63',
  '1.2.840.10008.1.2.4.64',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.100',
  '1.2.840.10008.1.2.4.101',
  '1.2.840.10008.1.2.4.102',
  '1.2.840.10008.1.2.4.103',
  '1.2.840.10008.1.2.4.104',
  '1.2.840.10008.1.2.4.105',
  '1.2.840.10008.1.2.4.106',
  '1.2.840.10008.1.2.4.107',
  '1.2.840.10008.1.2.4.108',
]);
const MAYBE_LOSSY = new Set(['1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.93', '1.2.840.10008.1.2.4.203']);

export function isLossy(tsUid: string, lossyImageCompression: string | undefined): boolean {
  if (lossyImageCompression === '01') return true;
  if (ALWAYS_LOSSY.has(tsUid)) return true;
  return MAYBE_LOSSY.has(tsUid) && lossyImageCompression !== '00';
}

/** Transfer syntaxes whose Pixel Data is encapsulated (fragments) rather than native. */
export function isEncapsulated(tsUid: string): boolean {
  return ![TS.implicitLittle, TS.explicitLittle, TS.deflatedExplicitLittle, TS.explicitBig].includes(
    tsUid as (typeof TS)[keyof typeof TS],
  );
}
