/**
 * Plants synthetic PHI in a real DICOM file: every attribute of Table E.1-1 that a file can hold gets a
 * distinctive value (strings "QQPHI<n>", dates in the 1870s, UIDs under 1.2.826.0.1.3680043.9.9999),
 * sequences get an item holding nested PHI in profile attributes (and a nested private block), private elements are
 * added at the top level. Returns the bytes and every planted needle to search the outputs for.
 */
import { readFileSync } from 'node:fs';
import dcmjs from 'dcmjs';
import { BASIC_PROFILE } from '../../src-main/export/basicProfileTable';
import type { DicomDict, DicomElement } from '../../src-main/export/dicomDict';

/** dcmjs' data dictionary: VR per "(GGGG,EEEE)". Only the test needs it (the exporters know their VRs). */
const dictionary = (dcmjs as unknown as { data: { DicomMetaDictionary: { dictionary: Record<string, { vr: string }> } } }).data.DicomMetaDictionary.dictionary;

export const PHI_UID_ROOT = '1.2.826.0.1.3680043.9.9999';
export const PHI_PREFIX = 'QQPHI';
/** Rows a stored data set cannot carry: command (0000), directory (0004) and meta (0002) elements, and the trailing padding / signature that must stay last. */
const NOT_IN_A_FILE = /^(0000|0002|0004|FFFA|FFFC)/;

export interface PlantedFile {
  bytes: Uint8Array;
  strings: string[];
  dates: string[];
  uids: string[];
  patientName: string;
  accession: string;
}

export function plantPhi(sourcePath: string): PlantedFile {
  const src = readFileSync(sourcePath);
  const file = dcmjs.data.DicomMessage.readFile(src.buffer.slice(src.byteOffset, src.byteOffset + src.byteLength));
  const dict = file.dict as DicomDict;
  const out: PlantedFile = { bytes: new Uint8Array(), strings: [], dates: [], uids: [], patientName: '', accession: '' };
  let n = 0;
  const text = () => {
    const s = `${PHI_PREFIX}${String(++n).padStart(3, '0')}`;
    out.strings.push(s);
    return s;
  };
  const date = () => {
    const d = `18${String(10 + (n % 80)).padStart(2, '0')}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}`;
    n++;
    out.dates.push(d);
    return d;
  };
  const uid = () => {
    const u = `${PHI_UID_ROOT}.${++n}`;
    out.uids.push(u);
    return u;
  };
  const nested = (): DicomDict => ({
    '00100010': { vr: 'PN', Value: [{ Alphabetic: `${text()}^${text()}` }] },
    '00081155': { vr: 'UI', Value: [uid()] },
    '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
    '00080100': { vr: 'SH', Value: ['X1'] },
    '00080102': { vr: 'SH', Value: ['99TEST'] },
    '00080104': { vr: 'LO', Value: ['Test code'] },
    '0040A123': { vr: 'PN', Value: [{ Alphabetic: text() }] },
    '00080080': { vr: 'LO', Value: [text()] },
    '00090010': { vr: 'LO', Value: [text()] },
    '00091001': { vr: 'LO', Value: [text()] },
  });
  const valueFor = (vr: string): DicomElement | undefined => {
    switch (vr) {
      case 'PN':
        return { vr, Value: [{ Alphabetic: `${text()}^${text()}` }] };
      case 'DA':
        return { vr, Value: [date()] };
      case 'DT':
        return { vr, Value: [`${date()}101010`] };
      case 'TM': {
        const t = `1${String(++n % 10)}${String(n % 60).padStart(2, '0')}17.4${String(n % 100).padStart(2, '0')}`;
        out.strings.push(t);
        return { vr, Value: [t] };
      }
      case 'UI':
        return { vr, Value: [uid()] };
      case 'SQ':
        return { vr, Value: [nested()] };
      case 'SH':
      case 'LO':
      case 'LT':
      case 'ST':
      case 'UT':
      case 'UC':
      case 'CS':
      case 'AE':
      case 'UR':
        return { vr, Value: [text()] };
      case 'OB':
      case 'OW':
      case 'UN':
        return { vr: 'OB', Value: [new TextEncoder().encode(`${text()} `).buffer] };
      default:
        return undefined; // Numeric VRs (US, FL, DS, …) cannot carry a string: nothing to find later.
    }
  };
  for (const row of BASIC_PROFILE) {
    if (row.tag.includes('X') || NOT_IN_A_FILE.test(row.tag)) continue;
    const key = `(${row.tag.slice(0, 4)},${row.tag.slice(4)})`;
    const vr = dictionary[key]?.vr?.split('|')[0] ?? (row.name.endsWith('Sequence') ? 'SQ' : 'LO');
    const el = valueFor(vr);
    if (el) dict[row.tag] = el;
  }
  // Overlay and curve rows are repeating groups: plant one of each.
  dict['60004000'] = { vr: 'LT', Value: [text()] };
  dict['50000000'] = { vr: 'OB', Value: [new TextEncoder().encode(`${text()} `).buffer] };
  // Private block at the top level, with a private sequence holding PHI deeper down.
  dict['00110010'] = { vr: 'LO', Value: [text()] };
  dict['00111001'] = { vr: 'LO', Value: [text()] };
  dict['00111002'] = { vr: 'SQ', Value: [nested()] };
  // The store's identity must stay readable: a real SOP class, and the patient/study values the test names.
  out.patientName = `${PHI_PREFIX}PATIENT^NAME`;
  out.accession = `${PHI_PREFIX}ACC`;
  out.strings.push(out.patientName, out.accession);
  dict['00100010'] = { vr: 'PN', Value: [{ Alphabetic: out.patientName }] };
  dict['00080050'] = { vr: 'SH', Value: [out.accession] };
  for (const el of Object.values(dict)) delete (el as { _rawValue?: unknown })._rawValue;
  file.meta['00020003'] = { vr: 'UI', Value: [(dict['00080018']!.Value as string[])[0]!] };
  out.bytes = new Uint8Array(file.write({ allowInvalidVRLength: true }));
  return out;
}
