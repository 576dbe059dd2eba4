import type { DataSet, Element } from 'dicom-parser';
import type { CodecFrame } from './codecFrame';
import { assertYbr422Columns, expandYbr422, planarToInterleaved, ybrFullToRgb } from './colour';
import { checkCodestreamEnd } from './codestreamEnd';
import { readEncapsulatedFrame } from './encapsulatedFrame';
import { decodeHtj2k } from './htj2kDecoder';
import { decodeJpeg2000 } from './jpeg2000Decoder';
import { decodeJpegBaseline } from './jpegBaselineDecoder';
import { checkJpegExtended, decodeJpegExtended, jpegSamplePrecision } from './jpegExtendedDecoder';
import { walkJpegLossless } from './jpegLosslessWalk';
import { decodeJpegLossless } from './jpegLosslessDecoder';
import { decodeJpegLs } from './jpegLsDecoder';
import { assertNativeFrameHeld, readBitPackedFrame, readNativeFrame } from './nativeFrame';
import { readPixelModule, samplesPerFrame, type PixelModule } from './pixelModule';
import { checkRle, decodeRle } from './rleDecoder';
import { toStoredValues, wordsFromLittleEndianBytes, type PixelArray } from './storedValues';
import { isBigEndian, pixelEncodingOf, type PixelEncoding } from './transferSyntax';

/** One decoded frame: stored values (sign per PixelRepresentation), colour as interleaved RGB. */
export interface DecodedFrame {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  /** Photometric interpretation of `pixels` after decoding (YBR is converted to RGB). */
  photometric: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'PALETTE COLOR';
  pixels: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;
  /** BitsStored of the values in `pixels` (they are masked/sign-extended to this many bits). */
  bitsStored?: number;
  /** True when the transfer syntax is lossy (JPEG baseline/extended, JPEG-LS near-lossless, lossy J2K/HTJ2K). */
  lossy?: boolean;
  /** Things that were repaired while decoding (e.g. an undersized edge tile padded to the declared size). */
  warnings?: string[];
}

/** Optional behaviour switches; the defaults are the strict, clinically safe choice. */
export interface DecodeOptions {
  /**
   * Encapsulated Pixel Data must end with a Sequence Delimitation Item (PS3.5 A.4); without it the file
   * ended inside Pixel Data. By default such pixel data is refused. When true, a frame is still decoded if
   * its own codestream is complete (ends with FF D9), e.g. emri_small_jpeg_2k_lossless_too_short.dcm and
   * GH1339, whose frames are whole and only the delimiter is missing.
   */
  acceptUnterminatedEncapsulation?: boolean;
}

const LOSSY_SYNTAXES = new Set([
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.4.203',
]);

/**
 * Decodes frame `frameIndex` (0-based) of a parsed DICOM data set, whatever its transfer syntax.
 * Throws an Error naming the reason (truncated data, codec message, unsupported attribute); it never
 * returns partially decoded pixels.
 */
export async function decodeFrame(
  dataSet: DataSet,
  frameIndex: number,
  transferSyntaxUid: string,
  options: DecodeOptions = {},
): Promise<DecodedFrame> {
  const { encoding, module, element } = frameContext(dataSet, frameIndex, transferSyntaxUid);
  let values: PixelArray;
  let rgbAlready = false;
  const warnings: string[] = [];
  if (encoding === 'native') {
    values = decodeNative(dataSet, element, module, frameIndex, isBigEndian(transferSyntaxUid));
    rgbAlready = module.photometric === 'YBR_FULL_422'; // expanded and converted while unpacking
  } else {
    const compressed = compressedFrame(dataSet, element, module, frameIndex, transferSyntaxUid, options);
    if (encoding === 'rle') {
      const bytes = decodeRle(compressed, module);
      values = toStoredValues(wordsFromLittleEndianBytes(bytes, module.bitsAllocated as 8 | 16 | 32), module, true);
    } else {
      checkCodestreamEnd(compressed, CODEC_NAMES[encoding]);
      const decoded = fitToDeclaredSize(await decodeCompressed(encoding, compressed, module), module, encoding, warnings);
      rgbAlready = decoded.colourTransformed;
      values = toStoredValues(decoded.samples, module, false, samplesPerFrame(module));
    }
  }

  let photometric: DecodedFrame['photometric'];
  if (module.samplesPerPixel === 1) {
    photometric = module.photometric as DecodedFrame['photometric'];
  } else {
    if (!rgbAlready && module.photometric !== 'RGB') values = convertYbr(values, module);
    photometric = 'RGB';
  }
  return {
    rows: module.rows,
    columns: module.columns,
    samplesPerPixel: module.samplesPerPixel,
    photometric,
    pixels: values,
    bitsStored: module.bitsStored,
    lossy: LOSSY_SYNTAXES.has(transferSyntaxUid.replace(/[\0 ]+$/, '')),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * Throws exactly when decodeFrame would throw for frame `frameIndex`, with the same message, and returns
 * the size a decode would give, doing only the work that can fail. Native frames: checkNativeFrame.
 * 12-bit JPEG: markers and entropy-coded data are read, the inverse DCT is skipped (it cannot fail;
 * checkJpegExtended). JPEG Lossless: the codestream is walked (walkJpegLossless, which its decode also runs
 * first). RLE: header and every PackBits run are walked, no pixels written (checkRle). Every
 * other codec decodes as decodeFrame does, and only the conversion to stored values (cannot fail) is
 * skipped. Import proves the first frame of a compressed object with this;
 * tests/parsing/dicom-pixels/checkFrame.test.ts holds it to decodeFrame's outcome on every DICOM object in
 * ../shared/data, the malformed ones included.
 */
export async function checkFrame(
  dataSet: DataSet,
  frameIndex: number,
  transferSyntaxUid: string,
  options: DecodeOptions = {},
): Promise<{ rows: number; columns: number }> {
  const { encoding, module, element } = frameContext(dataSet, frameIndex, transferSyntaxUid);
  if (encoding === 'native') {
    assertNativeDecodable(dataSet, element, module, frameIndex);
    return { rows: module.rows, columns: module.columns };
  }
  const compressed = compressedFrame(dataSet, element, module, frameIndex, transferSyntaxUid, options);
  let rgbAlready = false;
  if (encoding === 'rle') {
    checkRle(compressed, module);
  } else {
    checkCodestreamEnd(compressed, CODEC_NAMES[encoding]);
    if (encoding === 'jpeg-dct' && jpegSamplePrecision(compressed) === 12) {
      assertFitsDeclaredSize(checkJpegExtended(compressed), module, encoding);
    } else if (encoding === 'jpeg-lossless') {
      // decodeJpegLossless walks the codestream first and then decodes; the decode cannot fail after it.
      assertFitsDeclaredSize(walkJpegLossless(compressed), module, encoding);
    } else {
      rgbAlready = fitToDeclaredSize(await decodeCompressed(encoding, compressed, module), module, encoding, []).colourTransformed;
    }
  }
  if (module.samplesPerPixel !== 1 && !rgbAlready && module.photometric !== 'RGB') assertConvertibleToRgb(module.photometric);
  return { rows: module.rows, columns: module.columns };
}

/** The codestream of an encapsulated frame, after the checks every compressed decode makes first. */
function compressedFrame(
  dataSet: DataSet,
  element: Element,
  module: PixelModule,
  frameIndex: number,
  transferSyntaxUid: string,
  options: DecodeOptions,
): Uint8Array {
  if (!element.encapsulatedPixelData) {
    throw new Error(`transfer syntax ${transferSyntaxUid} needs encapsulated pixel data, but Pixel Data is native`);
  }
  // dicom-parser leaves the undefined length (FFFFFFFF) in place when it finds no Sequence Delimitation Item.
  if (element.length === 0xffffffff && !options.acceptUnterminatedEncapsulation) {
    throw new Error(
      'encapsulated Pixel Data is not terminated: the file ends before its Sequence Delimitation Item, so it may be truncated',
    );
  }
  return readEncapsulatedFrame(dataSet, element, frameIndex, module.numberOfFrames);
}

/** What every decode starts from; throws for an unknown syntax, a bad pixel module or a missing frame. */
function frameContext(dataSet: DataSet, frameIndex: number, transferSyntaxUid: string): { encoding: PixelEncoding; module: PixelModule; element: Element } {
  const encoding = pixelEncodingOf(transferSyntaxUid);
  const module = readPixelModule(dataSet);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= module.numberOfFrames) {
    throw new Error(`frame ${frameIndex} does not exist (the object has ${module.numberOfFrames} frames)`);
  }
  const element = dataSet.elements['x7fe00010'];
  if (!element) throw new Error('the data set has no Pixel Data (7FE0,0010)');
  return { encoding, module, element };
}

/**
 * Throws exactly when decodeFrame would throw for native frame `frameIndex`, without converting a pixel.
 * Once the pixel module is valid, decoding native data can only fail on facts of the header and the
 * frame's length (the checks below, which decodeNative runs first); the value conversions that follow
 * cannot fail. Import uses this instead of a decode (≈ 0.7 ms per 512×512 frame saved) —
 * tests/parsing/dicom-pixels/checkNativeFrame.test.ts holds the two to the same outcome on every native
 * object of the shared corpus and on crafted failures. Returns the frame size that a decode would give.
 */
export function checkNativeFrame(dataSet: DataSet, frameIndex: number, transferSyntaxUid: string): { rows: number; columns: number } {
  const { encoding, module, element } = frameContext(dataSet, frameIndex, transferSyntaxUid);
  if (encoding !== 'native') throw new Error(`transfer syntax ${transferSyntaxUid} is not native: its frames must be decoded to be checked`);
  assertNativeDecodable(dataSet, element, module, frameIndex);
  return { rows: module.rows, columns: module.columns };
}

/** The refusals of decodeNative and of the colour conversion after it, in the order a decode meets them. */
function assertNativeDecodable(dataSet: DataSet, element: Element, module: PixelModule, frameIndex: number): void {
  if (element.encapsulatedPixelData) throw new Error('Pixel Data is encapsulated but the transfer syntax is native');
  if (module.bitsAllocated === 1 && module.samplesPerPixel !== 1) throw new Error('1-bit colour pixel data is not supported');
  assertNativeFrameHeld(dataSet, element, module, frameIndex);
  if (module.photometric === 'YBR_FULL_422') assertYbr422Columns(module.columns);
  // decodeFrame converts native colour other than RGB and YBR_FULL_422 (converted while unpacking) with convertYbr.
  else if (module.samplesPerPixel === 3 && module.photometric !== 'RGB') assertConvertibleToRgb(module.photometric);
}

function decodeNative(
  dataSet: DataSet,
  element: Element,
  module: PixelModule,
  frameIndex: number,
  bigEndian: boolean,
): PixelArray {
  assertNativeDecodable(dataSet, element, module, frameIndex);
  if (module.bitsAllocated === 1) {
    return toStoredValues(readBitPackedFrame(dataSet, element, module, frameIndex, bigEndian), module, false);
  }
  const bytes = readNativeFrame(dataSet, element, module, frameIndex, bigEndian);
  const words = wordsFromLittleEndianBytes(bytes, module.bitsAllocated);
  if (module.photometric === 'YBR_FULL_422') {
    const rgb = ybrFullToRgb(expandYbr422(words, module.rows, module.columns), module.bitsStored);
    return toStoredValues(rgb, module, false);
  }
  const interleaved = module.samplesPerPixel === 3 && module.planarConfiguration === 1 ? planarToInterleaved(words, 3) : words;
  return toStoredValues(interleaved, module, true);
}

const CODEC_NAMES: Record<PixelEncoding, string> = {
  native: 'native',
  rle: 'RLE',
  'jpeg-dct': 'JPEG',
  'jpeg-lossless': 'JPEG Lossless',
  'jpeg-ls': 'JPEG-LS',
  jpeg2000: 'JPEG 2000',
  htj2k: 'HTJ2K',
};

async function decodeCompressed(encoding: PixelEncoding, frame: Uint8Array, module: PixelModule): Promise<CodecFrame> {
  switch (encoding) {
    case 'jpeg-dct':
      // libjpeg-turbo's 8-bit build covers 8-bit precision; 12-bit (Extended, process 4) needs our decoder.
      return jpegSamplePrecision(frame) === 12 ? decodeJpegExtended(frame) : decodeJpegBaseline(frame);
    case 'jpeg-lossless':
      return decodeJpegLossless(frame, module.bitsAllocated <= 8 ? 1 : 2);
    case 'jpeg-ls':
      return decodeJpegLs(frame);
    case 'jpeg2000':
      return decodeJpeg2000(frame);
    case 'htj2k':
      return decodeHtj2k(frame);
    default:
      throw new Error(`no codec for ${encoding}`);
  }
}

/**
 * A codestream whose size disagrees with the header would index out of range or misplace pixels, so a
 * larger one is refused. A smaller one is accepted only as an edge tile: some whole-slide writers (e.g.
 * fo-dicom's multiframe.dcm) store the right/bottom tiles cropped, and the tile's content belongs at its
 * top-left, as DCMTK also places it. The rest is filled with 0 and a warning is returned.
 */
function fitToDeclaredSize(
  decoded: CodecFrame,
  module: PixelModule,
  encoding: PixelEncoding,
  warnings: string[],
): CodecFrame {
  const name = CODEC_NAMES[encoding];
  const spp = module.samplesPerPixel;
  assertFitsDeclaredSize(decoded, module, encoding);
  if (decoded.samples.length < decoded.width * decoded.height * spp) {
    throw new Error(`${name} codec returned ${decoded.samples.length} samples for a ${decoded.width}x${decoded.height} image`);
  }
  if (decoded.width === module.columns && decoded.height === module.rows) return decoded;

  warnings.push(
    `${name} codestream is ${decoded.width}x${decoded.height}, smaller than the declared ${module.columns}x${module.rows}: placed top-left, the rest filled with 0`,
  );
  const padded = new Int32Array(samplesPerFrame(module));
  const rowSamples = decoded.width * spp;
  for (let y = 0; y < decoded.height; y++) {
    for (let i = 0; i < rowSamples; i++) padded[y * module.columns * spp + i] = decoded.samples[y * rowSamples + i] as number;
  }
  return { ...decoded, width: module.columns, height: module.rows, samples: padded };
}

/** A codestream larger than the header's image, or with another component count, is refused. */
function assertFitsDeclaredSize(
  decoded: { width: number; height: number; components: number },
  module: PixelModule,
  encoding: PixelEncoding,
): void {
  const spp = module.samplesPerPixel;
  if (decoded.components !== spp || decoded.width > module.columns || decoded.height > module.rows) {
    throw new Error(
      `${CODEC_NAMES[encoding]} codestream is ${decoded.width}x${decoded.height} with ${decoded.components} components, but the header declares ${module.columns}x${module.rows} with ${spp}`,
    );
  }
}

/** Photometric interpretations convertYbr handles; YBR_PARTIAL_* are retired and never converted. */
const CONVERTIBLE_TO_RGB: ReadonlySet<string> = new Set(['YBR_FULL', 'YBR_FULL_422', 'YBR_ICT', 'YBR_RCT']);

function assertConvertibleToRgb(photometric: string): void {
  if (!CONVERTIBLE_TO_RGB.has(photometric)) throw new Error(`converting ${photometric} to RGB is not supported`);
}

function convertYbr(values: PixelArray, module: PixelModule): PixelArray {
  assertConvertibleToRgb(module.photometric);
  switch (module.photometric) {
    case 'YBR_FULL':
    case 'YBR_FULL_422': // chroma already upsampled by the codec
      return toStoredValues(ybrFullToRgb(values, module.bitsStored), module, false);
    case 'YBR_ICT':
    case 'YBR_RCT':
      // Only JPEG 2000 uses these, and its codec applies the inverse transform itself.
      return values;
    default:
      throw new Error(`converting ${module.photometric} to RGB is not supported`);
  }
}
