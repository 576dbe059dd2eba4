import type { Element } from 'dicom-parser';
import { DataSetWalker } from './parseDataSet';
import { EXPLICIT_LE, IMPLICIT_LE } from './transferSyntax';
import { isKnownVr } from './valueRepresentations';
import { TAG } from './dicomTags';

export interface FileMeta {
  elements: Record<string, Element>;
  /** Offset of the first data set byte after group 0002. */
  end: number;
  transferSyntaxUid: string | undefined;
  mediaStorageSopClassUid: string | undefined;
}

/**
 * Reads File Meta Information (group 0002) starting at `start`. Like pydicom it reads while the group is
 * 0002 rather than trusting (0002,0000): that element may be absent (no_meta_group_length.dcm) or wrong.
 * The meta is explicit LE by definition, but an element with a non-letter VR is read as implicit, a
 * writer error seen in the wild.
 */
export function readFileMeta(walker: DataSetWalker, start: number): FileMeta {
  const c = walker.cursor;
  const elements: Record<string, Element> = {};
  let pos = start;
  while (c.length - pos >= 8 && c.u16(pos, true) === 0x0002) {
    const enc = isKnownVr(c.vr(pos + 4)) ? EXPLICIT_LE : IMPLICIT_LE;
    // Reading one element at a time keeps us from running into the data set, whose encoding may differ.
    const peekEnd = nextElementEnd(walker, pos, enc);
    const read = walker.readElements(pos, peekEnd, enc, 0, false);
    Object.assign(elements, read.elements);
    pos = peekEnd;
  }
  const groupLength = elements[TAG.metaGroupLength];
  if (groupLength === undefined) {
    walker.warn('File Meta has no group length (0002,0000)');
  } else if (groupLength.length === 4) {
    const declaredEnd = groupLength.dataOffset + 4 + c.u32(groupLength.dataOffset, true);
    if (declaredEnd !== pos) walker.warn(`File Meta group length points to offset ${declaredEnd}, group 0002 ends at ${pos}`);
  }
  return {
    elements,
    end: pos,
    transferSyntaxUid: uidValue(walker, elements[TAG.transferSyntaxUid]),
    mediaStorageSopClassUid: uidValue(walker, elements[TAG.mediaStorageSopClassUid]),
  };
}

/** End offset of the (non-sequence) meta element at `pos`; the walker checks it against the file size. */
function nextElementEnd(walker: DataSetWalker, pos: number, enc: typeof EXPLICIT_LE): number {
  const c = walker.cursor;
  if (!enc.explicitVr) return Math.min(c.length, pos + 8 + c.u32(pos + 4, true));
  const vr = c.vr(pos + 4);
  if (['OB', 'OW', 'UN', 'UT', 'SQ', 'UC', 'UR'].includes(vr)) {
    if (c.length - pos < 12) return c.length;
    return Math.min(c.length, pos + 12 + c.u32(pos + 8, true));
  }
  return Math.min(c.length, pos + 8 + c.u16(pos + 6, true));
}

function uidValue(walker: DataSetWalker, el: Element | undefined): string | undefined {
  if (!el || el.length === 0) return undefined;
  // UIDs are padded with NUL; some writers pad with spaces.
  const v = walker.cursor.ascii(el.dataOffset, el.length).replace(/[\0 ]+$/g, '').trim();
  return v === '' ? undefined : v;
}
