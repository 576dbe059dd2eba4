import { ByteCursor } from './ByteCursor';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, type DataSetEncoding } from './transferSyntax';
import { hasLongLength, isKnownVr, mayHaveUndefinedLength } from './valueRepresentations';

/**
 * Guesses how a data set is encoded by reading the headers of its first few elements in each candidate
 * encoding. A wrong guess fails fast: explicit data read as implicit yields lengths far beyond the file,
 * implicit data read as explicit yields VRs that are not letters, and the wrong byte order yields
 * descending tags or impossible lengths.
 */

const PROBE_ELEMENTS = 4;
const CANDIDATES: DataSetEncoding[] = [EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE];

/** True when the first elements from `start` read consistently in `enc`. */
export function readsAs(cursor: ByteCursor, start: number, enc: DataSetEncoding, firstGroupMax = 0xffff): boolean {
  let pos = start;
  let lastTag = -1;
  for (let n = 0; n < PROBE_ELEMENTS; n++) {
    if (pos === cursor.length) return n > 0 || start === cursor.length;
    if (cursor.length - pos < 8) return false;
    const [group, element] = cursor.tag(pos, enc);
    const tag = group * 0x10000 + element;
    if (group === 0xfffe || tag <= lastTag || (n === 0 && group > firstGroupMax)) return false;
    lastTag = tag;
    let length: number;
    let dataOffset: number;
    let vr = '';
    if (enc.explicitVr) {
      vr = cursor.vr(pos + 4);
      if (!isKnownVr(vr)) return false;
      if (hasLongLength(vr)) {
        if (cursor.length - pos < 12) return false;
        length = cursor.u32(pos + 8, enc.littleEndian);
        dataOffset = pos + 12;
      } else {
        length = cursor.u16(pos + 6, enc.littleEndian);
        dataOffset = pos + 8;
      }
    } else {
      length = cursor.u32(pos + 4, enc.littleEndian);
      dataOffset = pos + 8;
    }
    if (length === 0xffffffff) {
      // Cannot skip an undefined length cheaply; a sequence this early is evidence enough.
      return !enc.explicitVr || mayHaveUndefinedLength(vr);
    }
    if (length > cursor.length - dataOffset) return false;
    pos = dataOffset + length;
  }
  return true;
}

/** The first candidate encoding that reads at `start`, or undefined. `prefer` is tried first. */
export function probeEncoding(
  cursor: ByteCursor,
  start: number,
  prefer?: DataSetEncoding,
  firstGroupMax?: number,
): DataSetEncoding | undefined {
  const order = prefer ? [prefer, ...CANDIDATES.filter((c) => c !== prefer)] : CANDIDATES;
  return order.find((enc) => readsAs(cursor, start, enc, firstGroupMax));
}
