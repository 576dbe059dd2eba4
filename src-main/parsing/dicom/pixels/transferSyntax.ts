/** Transfer syntax UIDs whose pixel data this folder decodes, grouped by how the pixels are stored. */

export const TS = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflatedExplicitLittle: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
  rle: '1.2.840.10008.1.2.5',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegExtended: '1.2.840.10008.1.2.4.51',
  jpegLossless: '1.2.840.10008.1.2.4.57',
  jpegLosslessSv1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  jpeg2000: '1.2.840.10008.1.2.4.91',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  htj2kRpclLossless: '1.2.840.10008.1.2.4.202',
  htj2k: '1.2.840.10008.1.2.4.203',
} as const;

/** The decoder family that handles a transfer syntax. */
export type PixelEncoding =
  | 'native'
  | 'rle'
  | 'jpeg-dct' // baseline (8-bit) and extended (8/12-bit) sequential DCT
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'htj2k';

const ENCODING_BY_UID: Record<string, PixelEncoding> = {
  [TS.implicitLittle]: 'native',
  [TS.explicitLittle]: 'native',
  [TS.deflatedExplicitLittle]: 'native', // the header reader already inflated the whole data set
  [TS.explicitBig]: 'native',
  [TS.rle]: 'rle',
  [TS.jpegBaseline]: 'jpeg-dct',
  [TS.jpegExtended]: 'jpeg-dct',
  [TS.jpegLossless]: 'jpeg-lossless',
  [TS.jpegLosslessSv1]: 'jpeg-lossless',
  [TS.jpegLsLossless]: 'jpeg-ls',
  [TS.jpegLsNearLossless]: 'jpeg-ls',
  [TS.jpeg2000Lossless]: 'jpeg2000',
  [TS.jpeg2000]: 'jpeg2000',
  [TS.htj2kLossless]: 'htj2k',
  [TS.htj2kRpclLossless]: 'htj2k',
  [TS.htj2k]: 'htj2k',
};

/** Decoder family for a transfer syntax; throws for syntaxes we cannot decode (e.g. MPEG, JPEG XL). */
export function pixelEncodingOf(transferSyntaxUid: string): PixelEncoding {
  // UIDs read from files may carry a trailing NUL or space pad byte.
  const uid = transferSyntaxUid.replace(/[\0 ]+$/, '');
  const encoding = ENCODING_BY_UID[uid];
  if (!encoding) throw new Error(`pixel data in transfer syntax ${uid} is not supported`);
  return encoding;
}

export function isBigEndian(transferSyntaxUid: string): boolean {
  return transferSyntaxUid.replace(/[\0 ]+$/, '') === TS.explicitBig;
}
