/**
 * Lead-name normalisation shared by every ECG reader. Files spell leads many ways (WFDB "i"/"MLII",
 * aECG "MDC_ECG_LEAD_AVR", DICOM SCPECG code "5.6.3-9-62" or MDC "2:62", Philips "aVR"); viewers and
 * the model index leads by the canonical names, so every reader funnels its labels through here.
 */

/** The canonical standard-12 names, in the conventional display order. */
export const STANDARD_12 = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;

/**
 * SCP-ECG lead numbers (EN 1064 table): the same numbers appear in DICOM SCPECG codes "5.6.3-9-<n>" and,
 * for the standard leads, in MDC codes "2:<n>" (ISO/IEEE 11073-10102 MDC_ECG_LEAD_* term codes).
 */
const SCP_LEAD_NUMBERS: Record<number, string> = {
  1: 'I',
  2: 'II',
  3: 'V1',
  4: 'V2',
  5: 'V3',
  6: 'V4',
  7: 'V5',
  8: 'V6',
  61: 'III',
  62: 'aVR',
  63: 'aVL',
  64: 'aVF',
};

/** Canonical name of an SCP-ECG lead number, or undefined when it is not one of the standard 12. */
export function leadNameFromScpNumber(n: number): string | undefined {
  return SCP_LEAD_NUMBERS[n];
}

/**
 * Normalises one lead label. Recognised spellings map to I, II, III, aVR, aVL, aVF, V1..V6; anything
 * else (MLII, Frank vx, V7, V4R …) is returned trimmed and unchanged, because renaming a lead we do not
 * recognise would silently mislabel a signal.
 */
export function normaliseLeadName(raw: string): string {
  const label = raw.trim();
  // Coded forms first: they are unambiguous.
  const scp = /^5\.6\.3-9-(\d+)$/.exec(label) ?? /^2:(\d+)$/.exec(label);
  if (scp) return leadNameFromScpNumber(Number(scp[1])) ?? label;
  let s = label.toUpperCase();
  s = s.replace(/^MDC_ECG_LEAD_/, '').replace(/^LEAD[\s_-]*/, '');
  // DICOM code meanings carry qualifiers such as "Lead I (Einthoven)".
  s = s.replace(/\s*\(.*\)\s*$/, '').trim();
  switch (s) {
    case 'I':
    case '1':
      return 'I';
    case 'II':
    case '2':
      return 'II';
    case 'III':
    case '3':
      return 'III';
    case 'AVR':
      return 'aVR';
    case 'AVL':
      return 'aVL';
    case 'AVF':
      return 'aVF';
    default:
      break;
  }
  const v = /^V([1-6])$/.exec(s) ?? /^C([1-6])$/.exec(s);
  if (v) return `V${v[1]}`;
  return label;
}
