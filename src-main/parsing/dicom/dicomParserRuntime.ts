import * as dicomParserNs from 'dicom-parser';
import type { ByteArray, ByteArrayParser, DataSet, Element } from 'dicom-parser';

/**
 * dicom-parser ships a webpack UMD bundle: under plain Node ESM its exports only appear on `default`,
 * while bundlers (vite/vitest) may expose them as named exports. Resolve the runtime object once here.
 * Its typings also omit the DataSet class although the bundle exports it.
 */
interface DicomParserRuntime {
  DataSet: new (parser: ByteArrayParser, byteArray: ByteArray, elements: Record<string, Element>) => DataSet;
  littleEndianByteArrayParser: ByteArrayParser;
  bigEndianByteArrayParser: ByteArrayParser;
}

const ns = dicomParserNs as unknown as DicomParserRuntime & { default?: DicomParserRuntime };
const runtime: DicomParserRuntime = ns.default?.DataSet ? ns.default : ns;

export const DicomDataSet = runtime.DataSet;
export const littleEndianParser = runtime.littleEndianByteArrayParser;
export const bigEndianParser = runtime.bigEndianByteArrayParser;
