/**
 * Free text of a report (the model's trace, the reader's comments and first-read impression) is kept in a
 * de-identified export only after every identifying value known for the study has been cut out of it:
 * the patient's name (and each name part), IDs, accession, dates in the usual spellings, and every text
 * value the de-identifier removed from the study's DICOM headers. This is "cleaning" against known
 * identifiers; it cannot find identity it was not told about, so the model's input text should not carry
 * names in the first place.
 */
export const REMOVED = '[removed]';
const MIN_LENGTH = 3;

export class TextScrubber {
  private readonly needles = new Set<string>();

  /** Adds an identifying value as a whole, and a date also in its common spellings. */
  add(value: string | null | undefined): void {
    if (!value) return;
    const v = value.trim();
    if (v.length < MIN_LENGTH) return;
    this.needles.add(v);
    // DA (YYYYMMDD), DT (YYYYMMDDhhmmss…) and ISO dates all start with the date.
    const date = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v);
    if (date && Number(date[2]) >= 1 && Number(date[2]) <= 12 && Number(date[3]) >= 1 && Number(date[3]) <= 31) {
      const [, y, m, d] = date;
      for (const sp of [`${y}-${m}-${d}`, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${d}.${m}.${y}`, `${y}${m}${d}`]) this.needles.add(sp);
    }
  }

  /**
   * Adds a person's name (DICOM PN): the whole and each name part, since free text spells names in any
   * order ("Jane Doe" for DOE^JANE). Only names are split: splitting descriptions would cut ordinary words
   * ("CHEST", "CONTRAST") out of every trace.
   */
  addName(value: string | null | undefined): void {
    if (!value) return;
    this.add(value);
    for (const part of value.split(/[\^=,\s]+/)) if (part.length >= MIN_LENGTH) this.needles.add(part);
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a full name goes before its parts and no fragment of it is left behind.
    for (const needle of [...this.needles].sort((a, b) => b.length - a.length)) {
      out = out.replace(new RegExp(escapeRegExp(needle), 'gi'), REMOVED);
    }
    return out;
  }

  scrubNullable(text: string | null): string | null {
    return text === null ? null : this.scrub(text);
  }

  get size(): number {
    return this.needles.size;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
