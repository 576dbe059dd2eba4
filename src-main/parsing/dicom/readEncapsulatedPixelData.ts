import type { Element } from 'dicom-parser';
import { DicomReadError } from './DicomReadError';
import { formatTag } from './dicomTags';
import type { DataSetWalker } from './parseDataSet';
import type { DataSetEncoding } from './transferSyntax';

/**
 * Walks the item list of encapsulated Pixel Data (PS3.5 §A.4) and records it the way dicom-parser does
 * (`basicOffsetTable` in bytes, `fragments[].offset` relative to the first fragment item, `position` of the
 * fragment bytes), so dicom-parser's frame readers work on the result. Fragment bytes are never copied.
 * A fragment that runs past the end of the file marks the pixels damaged but keeps the header.
 * Returns the offset where the next element starts.
 */
export function readEncapsulatedPixelData(
  walker: DataSetWalker,
  element: Element,
  end: number,
  enc: DataSetEncoding,
): number {
  const c = walker.cursor;
  const start = element.dataOffset;
  const name = formatTag(element.tag);
  element.encapsulatedPixelData = true;
  element.basicOffsetTable = [];
  element.fragments = [];

  if (end - start < 8) throw new DicomReadError(`encapsulated ${name} is cut off before its first item`);
  const [g, e] = c.tag(start, enc);
  if (g !== 0xfffe || e !== 0xe000) {
    throw new DicomReadError(`encapsulated ${name} does not start with the Basic Offset Table item`);
  }
  const botLength = c.u32(start + 4, enc.littleEndian);
  if (botLength > end - start - 8) {
    throw new DicomReadError(`Basic Offset Table of ${name} declares ${botLength} bytes but only ${end - start - 8} remain`);
  }
  if (botLength % 4 !== 0) walker.warn(`Basic Offset Table length ${botLength} is not a multiple of 4`);
  for (let i = 0; i + 4 <= botLength; i += 4) element.basicOffsetTable.push(c.u32(start + 8 + i, enc.littleEndian));

  const base = start + 8 + botLength;
  let pos = base;
  while (end - pos >= 8) {
    const [group, elem] = c.tag(pos, enc);
    const length = c.u32(pos + 4, enc.littleEndian);
    if (group === 0xfffe && elem === 0xe0dd) {
      element.length = pos - start;
      return pos + 8;
    }
    if (group !== 0xfffe || elem !== 0xe000) {
      walker.damagePixelData(`unexpected tag (${hex4(group)},${hex4(elem)}) inside encapsulated ${name} at offset ${pos}`);
      element.length = end - start;
      return end;
    }
    const available = end - pos - 8;
    if (length > available) {
      walker.damagePixelData(`fragment ${element.fragments.length + 1} of ${name} declares ${length} bytes but only ${available} remain`);
      element.fragments.push({ offset: pos - base, position: pos + 8, length: available });
      element.length = end - start;
      return end;
    }
    element.fragments.push({ offset: pos - base, position: pos + 8, length });
    pos += 8 + length;
  }
  walker.warn(`encapsulated ${name} has no sequence delimiter`);
  element.length = end - start;
  return end;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0').toUpperCase();
}
