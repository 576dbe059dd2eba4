/**
 * The DICOM data set model the exporters build and the de-identifier walks: dcmjs' "dict" form
 * (`{ GGGGEEEE: { vr, Value } }`, sequences as arrays of dicts). dcmjs reads and writes Part-10 files in
 * this form; nothing else of dcmjs is used (in particular not its anonymizer, see deidentifyDataset).
 */
export interface DicomElement {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  /** dcmjs keeps the bytes it read here and may write them instead of Value: dropped on every change. */
  _rawValue?: unknown;
}
export type DicomDict = Record<string, DicomElement>;

export interface CodedConcept {
  value: string;
  scheme: string;
  meaning: string;
}

export const str = (vr: string, ...values: (string | number)[]): DicomElement => ({ vr, Value: values });
export const pn = (name: string): DicomElement => ({ vr: 'PN', Value: name ? [{ Alphabetic: name }] : [] });
export const seq = (...items: DicomDict[]): DicomElement => ({ vr: 'SQ', Value: items });
export const code = (c: CodedConcept): DicomDict => ({
  '00080100': str('SH', c.value),
  '00080102': str('SH', c.scheme),
  '00080104': str('LO', c.meaning),
});

/** DICOM DA and TM of a JS date, in UTC (the export records UTC times everywhere). */
export function dicomDateTime(d: Date): { date: string; time: string } {
  const iso = d.toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 19).replace(/:/g, '') };
}

/** The string values of an element (PN as its alphabetic form), for scanning and scrubbing. */
export function stringValues(el: DicomElement): string[] {
  if (!el.Value || el.vr === 'SQ') return [];
  return el.Value.flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (typeof v === 'number') return [String(v)];
    if (v && typeof v === 'object' && 'Alphabetic' in v) return [String((v as { Alphabetic: unknown }).Alphabetic)];
    return [];
  });
}
