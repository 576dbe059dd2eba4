import type { DataSet, Element } from 'dicom-parser';
import { ByteCursor } from './ByteCursor';
import { DicomReadError } from './DicomReadError';
import { bigEndianParser, DicomDataSet, littleEndianParser } from './dicomParserRuntime';
import { formatTag, TAG, tagKey } from './dicomTags';
import { readEncapsulatedPixelData } from './readEncapsulatedPixelData';
import { IMPLICIT_LE, type DataSetEncoding } from './transferSyntax';
import { hasLongLength, isKnownVr } from './valueRepresentations';

/**
 * Our own tolerant element walker, producing dicom-parser DataSets.
 *
 * Why not dicomParser.parseDicom: it has no sequence-depth cap, reads UN of undefined length in the file's
 * own byte order (CP-246 says implicit LE: fails on GH177), loses its place in nested undefined-length
 * private sequences of implicit files (nested_priv_SQ.dcm), and trusts declared lengths. Pixel decoding and
 * ECG parsing take a dicom-parser DataSet, so elements here have exactly dicom-parser's shape (tag, vr,
 * length, dataOffset, items[].dataSet, hadUndefinedLength, encapsulatedPixelData/basicOffsetTable/fragments)
 * and all data sets share the file's byte array: nothing is copied, nothing is allocated from a length.
 */

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = 0xe000;
const ITEM_DELIMITER = 0xe00d;
const SEQUENCE_DELIMITER = 0xe0dd;
const MAX_WARNINGS = 50;

export interface WalkOptions {
  maxSequenceDepth: number;
}

/** State shared by one walk over one file. */
export class DataSetWalker {
  readonly cursor: ByteCursor;
  readonly warnings: string[] = [];
  /** Set when Pixel Data is cut short or malformed: the header stays readable, the pixels are not. */
  pixelDataDamage: string | undefined;

  constructor(
    bytes: Uint8Array,
    private readonly options: WalkOptions,
  ) {
    this.cursor = new ByteCursor(bytes);
  }

  warn(message: string): void {
    // Crafted files can produce one anomaly per 8 bytes; keep the report (and memory) bounded.
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push('further warnings omitted');
  }

  damagePixelData(reason: string): void {
    this.pixelDataDamage ??= reason;
    this.warn(reason);
  }

  makeDataSet(elements: Record<string, Element>, enc: DataSetEncoding): DataSet {
    const ds = new DicomDataSet(enc.littleEndian ? littleEndianParser : bigEndianParser, this.cursor.bytes, elements);
    ds.warnings = this.warnings;
    return ds;
  }

  /** Top-level data set from `start` to the end of the bytes. */
  parseTopLevel(start: number, enc: DataSetEncoding): DataSet {
    const { elements } = this.readElements(start, this.cursor.length, enc, 0, false);
    return this.makeDataSet(elements, enc);
  }

  /**
   * Reads elements until `end`, or (inside an undefined-length item) until the item delimiter.
   * Returns where the content ended (`contentEnd`, before any delimiter) and where reading stopped (`next`).
   */
  readElements(
    start: number,
    end: number,
    enc: DataSetEncoding,
    depth: number,
    untilItemDelimiter: boolean,
  ): { elements: Record<string, Element>; contentEnd: number; next: number } {
    const c = this.cursor;
    const elements: Record<string, Element> = {};
    let pos = start;
    while (pos < end) {
      if (end - pos < 8) {
        if (c.allZero(pos, end)) {
          this.warn(`ignored ${end - pos} trailing zero bytes at offset ${pos}`);
          return { elements, contentEnd: pos, next: end };
        }
        throw new DicomReadError(`truncated element header at offset ${pos}: only ${end - pos} bytes left`);
      }
      const [group, element] = c.tag(pos, enc);
      if (group === 0xfffe) {
        if (element === ITEM_DELIMITER) {
          if (untilItemDelimiter) return { elements, contentEnd: pos, next: pos + 8 };
          this.warn(`stray item delimiter at offset ${pos} ignored`);
          pos += 8;
          continue;
        }
        if (element === SEQUENCE_DELIMITER) {
          // Inside an undefined-length item this means the item delimiter was forgotten: let the sequence end.
          if (untilItemDelimiter) {
            this.warn(`item of undefined length closed by a sequence delimiter at offset ${pos}`);
            return { elements, contentEnd: pos, next: pos };
          }
          this.warn(`stray sequence delimiter at offset ${pos} ignored`);
          pos += 8;
          continue;
        }
        throw new DicomReadError(`unexpected item tag (FFFE,${hex4(element)}) at offset ${pos} outside a sequence`);
      }
      const read = this.readElement(pos, end, enc, depth, tagKey(group, element));
      if (elements[read.element.tag]) this.warn(`duplicate element ${formatTag(read.element.tag)}: the last one is kept`);
      elements[read.element.tag] = read.element;
      pos = read.next;
    }
    if (untilItemDelimiter) this.warn(`item of undefined length at depth ${depth} has no item delimiter`);
    return { elements, contentEnd: Math.min(pos, end), next: Math.min(pos, end) };
  }

  private readElement(
    pos: number,
    end: number,
    enc: DataSetEncoding,
    depth: number,
    tag: string,
  ): { element: Element; next: number } {
    const c = this.cursor;
    let vr: string | undefined;
    let length: number;
    let dataOffset: number;
    if (enc.explicitVr) {
      vr = c.vr(pos + 4);
      if (!isKnownVr(vr)) {
        // DCMTK's recovery: an unknown VR is read as if it had the 4-byte length form, and kept as UN.
        this.warn(`element ${formatTag(tag)} has invalid VR "${printable(vr)}"; read as UN`);
        vr = 'UN';
        length = this.requireLongHeader(pos, end, tag, enc);
        dataOffset = pos + 12;
      } else if (hasLongLength(vr)) {
        length = this.requireLongHeader(pos, end, tag, enc);
        dataOffset = pos + 12;
      } else {
        length = c.u16(pos + 6, enc.littleEndian);
        dataOffset = pos + 8;
      }
    } else {
      length = c.u32(pos + 4, enc.littleEndian);
      dataOffset = pos + 8;
    }

    const element: Element = vr === undefined ? { tag, length, dataOffset } : { tag, vr, length, dataOffset };
    if (length === UNDEFINED_LENGTH) {
      element.hadUndefinedLength = true;
      return { element, next: this.readUndefinedLengthValue(element, end, enc, depth) };
    }

    const remaining = end - dataOffset;
    if (length > remaining) {
      if (tag === TAG.pixelData && depth === 0) {
        // Like pydicom/DCMTK, keep a header whose Pixel Data was cut short; the pixels are reported undecodable.
        this.damagePixelData(`Pixel Data truncated: ${length} bytes declared, ${Math.max(remaining, 0)} present`);
        element.length = Math.max(remaining, 0);
        return { element, next: end };
      }
      throw new DicomReadError(
        `element ${formatTag(tag)} at offset ${pos} declares ${length} bytes but only ${Math.max(remaining, 0)} remain`,
      );
    }
    if (vr === 'SQ') {
      element.items = this.readSequenceItems(dataOffset, dataOffset + length, enc, depth + 1, tag, false).items;
    } else if (vr === undefined && this.startsWithItem(dataOffset, length, enc)) {
      // Implicit VR has no dictionary here: a value that opens with an item tag is taken as a sequence, the way
      // dicom-parser does; if it does not parse as one it stays an opaque value.
      try {
        element.items = this.readSequenceItems(dataOffset, dataOffset + length, enc, depth + 1, tag, false).items;
      } catch (err) {
        if (isDepthError(err)) throw err;
      }
    }
    return { element, next: dataOffset + length };
  }

  private requireLongHeader(pos: number, end: number, tag: string, enc: DataSetEncoding): number {
    if (end - pos < 12) throw new DicomReadError(`truncated header of element ${formatTag(tag)} at offset ${pos}`);
    return this.cursor.u32(pos + 8, enc.littleEndian);
  }

  private startsWithItem(offset: number, length: number, enc: DataSetEncoding): boolean {
    if (length < 8) return false;
    const [g, e] = this.cursor.tag(offset, enc);
    return g === 0xfffe && e === ITEM;
  }

  /** Sequences, CP-246 UN sequences and encapsulated pixel data; returns where the next element starts. */
  private readUndefinedLengthValue(element: Element, end: number, enc: DataSetEncoding, depth: number): number {
    const start = element.dataOffset;
    const opensWithItem = end - start >= 8 && this.cursor.tag(start, enc)[0] === 0xfffe;
    if (element.vr === 'SQ') return this.finishSequence(element, end, enc, depth);
    if (element.vr === 'UN') return this.finishSequence(element, end, IMPLICIT_LE, depth); // CP-246
    if (element.vr === undefined && !(element.tag === TAG.pixelData && opensWithItem && isFragmentList(this, start, enc)))
      return this.finishSequence(element, end, enc, depth);
    // Encapsulated Pixel Data (or another OB/OW pixel sequence, which DCMTK also reads as fragments).
    const next = readEncapsulatedPixelData(this, element, end, enc);
    return next;
  }

  private finishSequence(element: Element, end: number, itemEnc: DataSetEncoding, depth: number): number {
    const read = this.readSequenceItems(element.dataOffset, end, itemEnc, depth + 1, element.tag, true);
    element.items = read.items;
    element.length = read.contentEnd - element.dataOffset;
    return read.next;
  }

  /**
   * Items of a sequence at nesting `depth` (1 = a sequence in the top-level data set). `undefinedLength`
   * sequences end at a sequence delimiter; defined ones at `end`.
   */
  readSequenceItems(
    start: number,
    end: number,
    enc: DataSetEncoding,
    depth: number,
    seqTag: string,
    undefinedLength: boolean,
  ): { items: Element[]; contentEnd: number; next: number } {
    if (depth > this.options.maxSequenceDepth) {
      throw new DicomReadError(`sequence nesting deeper than the limit of ${this.options.maxSequenceDepth} at ${formatTag(seqTag)}`);
    }
    const c = this.cursor;
    const items: Element[] = [];
    let pos = start;
    while (pos < end) {
      if (end - pos < 8) throw new DicomReadError(`truncated item header in sequence ${formatTag(seqTag)} at offset ${pos}`);
      const [g, e] = c.tag(pos, enc);
      if (g === 0xfffe && e === SEQUENCE_DELIMITER) {
        if (undefinedLength) return { items, contentEnd: pos, next: pos + 8 };
        this.warn(`sequence delimiter inside defined-length sequence ${formatTag(seqTag)} ignored`);
        pos += 8;
        continue;
      }
      if (g !== 0xfffe || e !== ITEM) {
        throw new DicomReadError(
          `expected an item in sequence ${formatTag(seqTag)} at offset ${pos}, found (${hex4(g)},${hex4(e)})`,
        );
      }
      const itemLength = c.u32(pos + 4, enc.littleEndian);
      const dataOffset = pos + 8;
      const item: Element = { tag: 'xfffee000', length: itemLength, dataOffset };
      if (itemLength === UNDEFINED_LENGTH) {
        const read = this.readElements(dataOffset, end, enc, depth, true);
        item.hadUndefinedLength = true;
        item.length = read.contentEnd - dataOffset;
        item.dataSet = this.makeDataSet(read.elements, enc);
        pos = read.next;
      } else {
        if (itemLength > end - dataOffset) {
          throw new DicomReadError(
            `item in sequence ${formatTag(seqTag)} at offset ${pos} declares ${itemLength} bytes but only ${end - dataOffset} remain`,
          );
        }
        const read = this.readElements(dataOffset, dataOffset + itemLength, enc, depth, false);
        item.dataSet = this.makeDataSet(read.elements, enc);
        pos = dataOffset + itemLength;
      }
      items.push(item);
    }
    if (undefinedLength) this.warn(`sequence ${formatTag(seqTag)} of undefined length has no sequence delimiter`);
    return { items, contentEnd: Math.min(pos, end), next: Math.min(pos, end) };
  }
}

/** In implicit VR, undefined-length Pixel Data is a fragment list when its first item holds no element. */
function isFragmentList(walker: DataSetWalker, start: number, enc: DataSetEncoding): boolean {
  const len = walker.cursor.u32(start + 4, enc.littleEndian);
  return len !== UNDEFINED_LENGTH && len % 4 === 0;
}

function isDepthError(err: unknown): boolean {
  return err instanceof DicomReadError && err.message.startsWith('sequence nesting deeper');
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0').toUpperCase();
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
