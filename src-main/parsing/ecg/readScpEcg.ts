import { DEFAULT_LIMITS, type EcgRecord, type ParseLimits, type PatientInfo } from '../types';
import { formatFilterInfo, makeEcgRecord, type DecodedLead } from './ecgRecord';
import { leadNameFromScpNumber } from './leadNames';

/**
 * SCP-ECG (EN 1064 / ISO 11073-91064) reader for the common case: default Huffman table (section 2 says
 * 19999), no reference-beat subtraction, rhythm data in section 6 with AVM in nanovolts. Every section
 * starts with a 16-byte header (CRC, id, length, versions, reserved "SCPECG" in section 0); section 0
 * points at the others with 1-based byte offsets.
 */

const SECTION_HEADER = 16;

interface Section {
  start: number; // offset of the section's data (after its header)
  end: number;
}

/** True when the bytes carry the SCP-ECG section 0 signature ("SCPECG" in its header's reserved bytes). */
export function looksLikeScpEcg(bytes: Uint8Array): boolean {
  return bytes.length > 22 && String.fromCharCode(...bytes.subarray(16, 22)) === 'SCPECG';
}

function sections(dv: DataView): Map<number, Section> {
  const len = dv.byteLength;
  if (len < 6 + SECTION_HEADER) throw new Error('SCP: file too short');
  const total = dv.getUint32(2, true);
  if (total > len) throw new Error(`SCP: header declares ${total} bytes, file has ${len}`);
  const s0len = dv.getUint32(6 + 4, true);
  if (dv.getUint16(6 + 2, true) !== 0 || 6 + s0len > len) throw new Error('SCP: section 0 missing or damaged');
  const map = new Map<number, Section>();
  for (let p = 6 + SECTION_HEADER; p + 10 <= 6 + s0len; p += 10) {
    const id = dv.getUint16(p, true);
    const length = dv.getUint32(p + 2, true);
    const index = dv.getUint32(p + 6, true);
    if (length === 0) continue;
    const start = index - 1;
    if (index < 1 || start + length > len || length < SECTION_HEADER) throw new Error(`SCP: section ${id} out of bounds`);
    map.set(id, { start: start + SECTION_HEADER, end: start + length });
  }
  return map;
}

/** MSB-first bit reader over one lead's Huffman data. */
class BitReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  bit(): number {
    const byte = this.bytes[this.pos >> 3];
    if (byte === undefined) throw new Error('SCP: Huffman data ends early');
    const b = (byte >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return b;
  }
  bits(n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) v = (v << 1) | this.bit();
    return v;
  }
}

/**
 * The SCP default Huffman table: 0 → 0; k ones, a 0 and a sign bit → ±k for k = 1..8 (sign 1 = negative);
 * nine ones and a 0 → next 8 bits as a signed byte; ten ones → next 16 bits as a signed int16.
 */
function decodeDefaultHuffman(data: Uint8Array, count: number): Int32Array {
  const r = new BitReader(data);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let k = 0;
    while (k < 10 && r.bit() === 1) k++;
    if (k === 0) out[i] = 0;
    else if (k <= 8) out[i] = r.bit() ? -k : k;
    else if (k === 9) out[i] = (r.bits(8) << 24) >> 24;
    else out[i] = (r.bits(16) << 16) >> 16;
  }
  return out;
}

function undoDifferences(d: Int32Array, order: number): void {
  if (order === 1) for (let i = 1; i < d.length; i++) d[i] = d[i]! + d[i - 1]!;
  else if (order === 2) for (let i = 2; i < d.length; i++) d[i] = d[i]! + 2 * d[i - 1]! - d[i - 2]!;
}

function section1(bytes: Uint8Array, dv: DataView, s: Section | undefined): {
  patient: Partial<PatientInfo>;
  acquisition?: string;
  filter?: string;
} {
  const patient: Partial<PatientInfo> = {};
  const out: { patient: Partial<PatientInfo>; acquisition?: string; filter?: string } = { patient };
  if (!s) return out;
  const str = (p: number, n: number): string =>
    new TextDecoder('latin1').decode(bytes.subarray(p, p + n)).replace(/\0.*$/s, '').trim();
  let date: string | undefined;
  let time: string | undefined;
  let hp: number | undefined;
  let lp: number | undefined;
  let last = '';
  let first = '';
  for (let p = s.start; p + 3 <= s.end; ) {
    const tag = bytes[p]!;
    const n = dv.getUint16(p + 1, true);
    const v = p + 3;
    if (tag === 255 || v + n > s.end) break;
    if (tag === 0) last = str(v, n);
    else if (tag === 1) first = str(v, n);
    else if (tag === 2) patient.patientId = str(v, n) || undefined!;
    else if (tag === 5 && n >= 4) {
      const y = dv.getUint16(v, true);
      if (y > 0) patient.birthDate = `${y}${String(bytes[v + 2]).padStart(2, '0')}${String(bytes[v + 3]).padStart(2, '0')}`;
    } else if (tag === 8 && n >= 1) {
      const sx = bytes[v];
      if (sx === 1) patient.sex = 'M';
      else if (sx === 2) patient.sex = 'F';
    } else if (tag === 25 && n >= 4) {
      date = `${dv.getUint16(v, true)}-${String(bytes[v + 2]).padStart(2, '0')}-${String(bytes[v + 3]).padStart(2, '0')}`;
    } else if (tag === 26 && n >= 3) {
      time = [0, 1, 2].map((k) => String(bytes[v + k]).padStart(2, '0')).join(':');
    } else if (tag === 27 && n >= 2) hp = dv.getUint16(v, true) / 100 || undefined; // 0.01 Hz units; 0 = not given
    else if (tag === 28 && n >= 2) lp = dv.getUint16(v, true) || undefined;
    p = v + n;
  }
  if (patient.patientId === undefined) delete patient.patientId;
  if (last || first) patient.name = first ? `${last}^${first}` : last;
  if (date) out.acquisition = time ? `${date}T${time}` : date;
  const f = formatFilterInfo(hp, lp);
  if (f) out.filter = f;
  return out;
}

export { decodeDefaultHuffman };

/** Decodes SCP-ECG rhythm data (section 6) into microvolts. Throws with a reason. */
export function readScpEcg(bytes: Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): EcgRecord {
  if (bytes.length > limits.maxFileBytes) throw new Error(`SCP: ${bytes.length} bytes exceeds maxFileBytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const secs = sections(dv);
  const s2 = secs.get(2);
  if (s2 && dv.getUint16(s2.start, true) !== 19999) throw new Error('SCP: custom Huffman tables are not supported');
  const s3 = secs.get(3);
  const s6 = secs.get(6);
  if (!s3 || !s6) throw new Error('SCP: no lead definition (section 3) or rhythm data (section 6)');
  const nLeads = bytes[s3.start]!;
  const flags = bytes[s3.start + 1]!;
  if (flags & 1) throw new Error('SCP: reference-beat subtraction is not supported');
  if (s3.start + 2 + 9 * nLeads > s3.end) throw new Error('SCP: section 3 too short for its leads');
  const avmNv = dv.getUint16(s6.start, true);
  const intervalUs = dv.getUint16(s6.start + 2, true);
  const diff = bytes[s6.start + 4]!;
  if (bytes[s6.start + 5]) throw new Error('SCP: bimodal compression is not supported');
  if (!avmNv || !intervalUs) throw new Error('SCP: section 6 has no amplitude multiplier or sample interval');
  if (diff > 2) throw new Error(`SCP: difference encoding ${diff} unknown`);
  let dataPos = s6.start + 6 + 2 * nLeads;
  const leads: DecodedLead[] = [];
  for (let k = 0; k < nLeads; k++) {
    const def = s3.start + 2 + 9 * k;
    const first = dv.getUint32(def, true);
    const last = dv.getUint32(def + 4, true);
    const id = bytes[def + 8]!;
    const count = last - first + 1;
    const byteLen = dv.getUint16(s6.start + 6 + 2 * k, true);
    if (dataPos + byteLen > s6.end) throw new Error(`SCP: lead ${k + 1} data overruns section 6`);
    // Every sample needs at least one bit: a count beyond that cannot be real and is refused before allocation.
    if (!(count > 0) || count > byteLen * 8) throw new Error(`SCP: lead ${k + 1} declares ${count} samples in ${byteLen} bytes`);
    const d = decodeDefaultHuffman(bytes.subarray(dataPos, dataPos + byteLen), count);
    dataPos += byteLen;
    undoDifferences(d, diff);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = (d[i]! * avmNv) / 1000; // AVM is nV per unit
    leads.push({ name: leadNameFromScpNumber(id) ?? `SCP lead ${id}`, samplesUv: out });
  }
  const info = section1(bytes, dv, secs.get(1));
  const extra: Parameters<typeof makeEcgRecord>[3] = { patient: info.patient };
  if (info.acquisition) extra.acquisitionDateTime = info.acquisition;
  if (info.filter) extra.filterInfo = info.filter;
  return makeEcgRecord('scp', leads, 1e6 / intervalUs, extra);
}
