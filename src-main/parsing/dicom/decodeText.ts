import type { DataSet } from 'dicom-parser';
import { TextDecoder } from 'node:util';
import { TAG } from './dicomTags';
import { iso2022Decoder, usesCodeExtensions } from './iso2022Text';

/**
 * Decodes a text element honouring Specific Character Set (0008,0005). dicom-parser's `string()` maps each
 * byte to one code unit, which is right only for the default repertoire and Latin-1; UTF-8 names
 * ("ISO_IR 192") would come out garbled. An empty or absent character set means the default repertoire.
 * A single-byte or Unicode set is decoded as a whole; values with ISO 2022 code extensions (Japanese,
 * Korean, Chinese, "ISO 2022 IR 100" …) switch sets inside the text and go through iso2022Text.ts.
 */
const CHARSET_TO_LABEL: Record<string, string> = {
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
};

/** What readText needs of a decoder: a TextDecoder, or the ISO 2022 one. */
export interface DicomTextDecoder {
  decode(bytes: Uint8Array): string;
}

export function decoderFor(dataSet: DataSet): DicomTextDecoder {
  const sets = (dataSet.string(TAG.specificCharacterSet) ?? '').split('\\').map((s) => s.trim());
  if (usesCodeExtensions(sets)) return iso2022Decoder(sets);
  const label = sets.map((s) => CHARSET_TO_LABEL[s]).find((l) => l !== undefined) ?? 'latin1';
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('latin1'); // runtime without full ICU: fall back rather than fail the import
  }
}

/** Trimmed text of `tag` (all values, backslash-separated), or undefined when absent or empty. */
export function readText(dataSet: DataSet, tag: string, decoder: DicomTextDecoder): string | undefined {
  const el = dataSet.elements[tag];
  if (!el || el.length === 0 || el.items) return undefined;
  const raw = dataSet.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  const text = decoder.decode(raw).replace(/\0+$/, '').trim();
  return text === '' ? undefined : text;
}
