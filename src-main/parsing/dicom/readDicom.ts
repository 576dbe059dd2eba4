import type { DataSet } from 'dicom-parser';
import type { ImportFlag, ParseLimits } from '../types';
import { checkPixelBudget } from './checkPixelBudget';
import { suspiciousPreamble } from './checkPreamble';
import { DicomReadError } from './DicomReadError';
import { TAG } from './dicomTags';
import { inflateDataSet } from './inflateDataSet';
import { DataSetWalker } from './parseDataSet';
import { probeEncoding } from './probeDataSet';
import { readFileMeta } from './readFileMeta';
import { sniffNonDicom } from './sniffNonDicom';
import { encodingOf, isLossy, TS, tsForEncoding, type DataSetEncoding } from './transferSyntax';

export interface DicomReadResult {
  /** The whole object, File Meta elements included (as dicom-parser's parseDicom returns it). */
  dataSet: DataSet;
  /** Declared, or inferred when the file has no (usable) File Meta. */
  transferSyntaxUid: string;
  flags: ImportFlag[];
  warnings: string[];
  /** Why the Pixel Data is unusable although the header read (truncated file, broken fragment list). */
  pixelDataDamage?: string;
}

/** Stray bytes tolerated before a raw (no Part-10 header) data set: pydicom's no_meta.dcm has one. */
const MAX_STRAY_BYTES = 3;
/** A raw data set must open with group 0000 (ACR-NEMA command/length), 0002 (meta) or 0008 (identifying). */
const RAW_FIRST_GROUP_MAX = 0x0008;

/**
 * Reads DICOM bytes into a dicom-parser DataSet, tolerant of the variants DCMTK/pydicom read, strict about
 * anything that could make us allocate or recurse without bound. Throws DicomReadError; `notDicom` is set
 * when the bytes are not DICOM at all.
 */
export function readDicom(bytes: Uint8Array, limits: ParseLimits): DicomReadResult {
  if (bytes.length > limits.maxFileBytes) {
    throw new DicomReadError(`file is ${bytes.length} bytes, over the limit of ${limits.maxFileBytes}`);
  }
  const flags: ImportFlag[] = [];
  let walker = new DataSetWalker(bytes, limits);
  try {
    const located = locateDataSet(walker, flags);
    const start = located.start;
    let { transferSyntaxUid, encoding } = located;

    if (transferSyntaxUid === TS.deflatedExplicitLittle) {
      flags.push('deflated');
      const inflated = inflateDataSet(bytes, start, limits.maxFileBytes);
      const carried = walker.warnings;
      walker = new DataSetWalker(inflated, limits);
      walker.warnings.push(...carried);
    } else if (located.hasMeta) {
      // A declared transfer syntax that does not match the bytes (a common writer bug) is corrected.
      const actual = probeEncoding(walker.cursor, start, encoding);
      if (actual && actual !== encoding) {
        walker.warn(`Transfer Syntax ${transferSyntaxUid} does not match the data set encoding; read as ${tsForEncoding(actual)}`);
        encoding = actual;
        if (!located.tsIsEncapsulated) transferSyntaxUid = tsForEncoding(actual);
      }
    }
    if (!encoding.littleEndian) flags.push('big-endian');

    const dataSet = walker.parseTopLevel(start, encoding);
    if (Object.keys(dataSet.elements).length === 0) throw new DicomReadError(emptyDataSetReason(located, start, bytes.length));
    Object.assign(dataSet.elements, located.metaElements);

    const warnings = walker.warnings;
    checkPixelBudget(dataSet, limits.maxPixelBytes, warnings);
    addContentFlags(dataSet, transferSyntaxUid, flags);
    const result: DicomReadResult = { dataSet, transferSyntaxUid, flags, warnings };
    if (walker.pixelDataDamage) result.pixelDataDamage = walker.pixelDataDamage;
    return result;
  } catch (err) {
    if (err instanceof DicomReadError) throw err;
    // Deep recursion from an absurd maxSequenceDepth, or a bug: still a specific, catchable rejection.
    throw new DicomReadError(`could not read DICOM structure: ${(err as Error).message}`);
  }
}

interface LocatedDataSet {
  start: number;
  encoding: DataSetEncoding;
  transferSyntaxUid: string;
  hasMeta: boolean;
  tsIsEncapsulated: boolean;
  metaElements: DataSet['elements'];
}

/** Finds the data set: after a Part-10 header, after a bare meta group, or as a raw data set. */
function locateDataSet(walker: DataSetWalker, flags: ImportFlag[]): LocatedDataSet {
  const c = walker.cursor;
  if (c.length >= 132 && c.ascii(128, 4) === 'DICM') {
    const magic = suspiciousPreamble(c.bytes);
    if (magic) {
      flags.push('suspicious-preamble');
      walker.warn(`128-byte preamble starts with an executable header (${magic})`);
    }
    return afterMeta(walker, 132, flags);
  }

  flags.push('no-part10-header');
  if (c.length >= 4 && c.ascii(0, 4) === 'DICM') return afterMeta(walker, 4, flags);
  for (let skip = 0; skip <= MAX_STRAY_BYTES && skip < c.length; skip++) {
    const enc = probeEncoding(c, skip, undefined, RAW_FIRST_GROUP_MAX);
    if (!enc) continue;
    if (skip > 0) walker.warn(`skipped ${skip} stray byte(s) before the data set`);
    if (enc.explicitVr && enc.littleEndian && c.u16(skip, true) === 0x0002) return afterMeta(walker, skip, flags);
    walker.warn(`no File Meta: transfer syntax inferred as ${tsForEncoding(enc)}`);
    return { start: skip, encoding: enc, transferSyntaxUid: tsForEncoding(enc), hasMeta: false, tsIsEncapsulated: false, metaElements: {} };
  }
  const what = sniffNonDicom(c.bytes);
  throw new DicomReadError(
    what
      ? `not DICOM: the file is a ${what}`
      : 'not DICOM: no "DICM" marker at offset 128 and no readable data set at the start of the file',
    { notDicom: true },
  );
}

function afterMeta(walker: DataSetWalker, metaStart: number, flags: ImportFlag[]): LocatedDataSet {
  const meta = readFileMeta(walker, metaStart);
  let ts = meta.transferSyntaxUid;
  if (ts === undefined) {
    flags.push('missing-transfer-syntax');
    const enc = probeEncoding(walker.cursor, meta.end);
    if (!enc && meta.end < walker.cursor.length) {
      throw new DicomReadError('File Meta has no Transfer Syntax UID and the data set encoding could not be inferred');
    }
    ts = tsForEncoding(enc ?? { explicitVr: true, littleEndian: true });
    walker.warn(`File Meta has no Transfer Syntax UID (0002,0010): inferred ${ts}`);
  }
  const tsIsEncapsulated = ![TS.implicitLittle, TS.explicitLittle, TS.explicitBig, TS.deflatedExplicitLittle].includes(
    ts as (typeof TS)[keyof typeof TS],
  );
  return {
    start: meta.end,
    encoding: encodingOf(ts),
    transferSyntaxUid: ts,
    hasMeta: true,
    tsIsEncapsulated,
    metaElements: meta.elements,
  };
}

/**
 * Why a file whose header read but whose data set holds no element at all is refused: with nothing after
 * the File Meta there is no object to store (no SOP class, no UIDs, no pixels), and deriving UIDs for it
 * would file an empty "study" in the list.
 */
function emptyDataSetReason(located: LocatedDataSet, start: number, fileLength: number): string {
  const after = located.hasMeta ? 'its DICOM header' : 'the start of the file';
  return start >= fileLength
    ? `no data set: the file ends after ${after} (${fileLength} bytes), with no DICOM elements to store`
    : `no data set: no DICOM element could be read after ${after}`;
}

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/** Flags that depend on content rather than encoding. */
function addContentFlags(dataSet: DataSet, ts: string, flags: ImportFlag[]): void {
  if (isLossy(ts, dataSet.string(TAG.lossyImageCompression))) flags.push('lossy-compressed');
  const sopClass = dataSet.string(TAG.sopClassUid) ?? dataSet.string(TAG.mediaStorageSopClassUid) ?? '';
  const burnedIn = dataSet.string(TAG.burnedInAnnotation)?.toUpperCase() === 'YES';
  // Ultrasound and secondary captures are screen grabs in practice: treat them as carrying burned-in text.
  const secondaryCapture = sopClass === SECONDARY_CAPTURE || sopClass.startsWith(`${SECONDARY_CAPTURE}.`);
  const screenLike = dataSet.string(TAG.modality) === 'US' || secondaryCapture;
  if (burnedIn || screenLike) flags.push('burned-in-annotation');
}
