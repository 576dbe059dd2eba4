/**
 * PS3.15 Annex E Basic Application Level Confidentiality Profile on a data set (dcmjs dict form), in place.
 *
 * Own code on purpose, not dcmjs' anonymizer: about half of its tag names do not resolve against its own
 * dictionary and are skipped silently, and it ignores sequences, UIDs and private tags
 * (../shared/notes/security-reliability.md). Here every element, at every depth, is decided:
 *   - private elements (odd group, creators included) are removed: Retain Safe Private is not claimed;
 *   - elements listed in Table E.1-1 get their action (basicProfileTable.ts);
 *   - unlisted dates, times, person names and UN elements are removed (E.1 Note 4: handle dates by VR so
 *     attributes added to the standard later are still protected); other unlisted elements are kept;
 *   - every sequence that is kept is walked item by item with the same rules; a sequence whose action is
 *     D (e.g. Content Sequence) is kept only as structure: its free text is replaced by dummies, so text
 *     content items of a foreign SR cannot carry identity through.
 * Then Patient Identity Removed = YES, De-identification Method (+ code 113100) and Longitudinal
 * Temporal Information Modified = REMOVED (dates are removed, not shifted) are set.
 */
import { profileRowFor, type ProfileAction } from './basicProfileTable';
import { code, seq, str, type DicomDict, type DicomElement } from './dicomDict';
import type { UidMapper } from './uidMapper';

/** LO: at most 64 characters. */
export const DEIDENTIFICATION_METHOD = 'PS3.15 E.1 Basic Profile (qoq-workstation)';
export const BASIC_PROFILE_CODE = { value: '113100', scheme: 'DCM', meaning: 'Basic Application Confidentiality Profile' };

/** A dummy that is valid for the VR and says nothing (action D). */
const DUMMY: Record<string, string | number> = {
  AE: 'ANONYMOUS',
  AS: '000Y',
  CS: 'ANONYMIZED',
  DA: '19000101',
  DT: '19000101000000',
  TM: '000000',
  DS: 0,
  IS: 0,
  LO: 'ANONYMIZED',
  LT: 'ANONYMIZED',
  SH: 'ANONYMIZED',
  ST: 'ANONYMIZED',
  UC: 'ANONYMIZED',
  UT: 'ANONYMIZED',
  UR: 'ANONYMIZED',
};
const FREE_TEXT_VRS = new Set(['LO', 'LT', 'SH', 'ST', 'UC', 'UT', 'PN', 'UR']);
const DATE_VRS = new Set(['DA', 'DT', 'TM']);
/** Coded-entry structure kept inside D sequences: codes name concepts, never people. */
const CODE_STRUCTURE = new Set(['00080100', '00080102', '00080103', '00080104', '00080105', '00080106', '00080107', '0040A040', '0040A010', '0040A050', '00700023', '0040A30A', '00081150']);

export interface DeidentifyOptions {
  uids: UidMapper;
}

export interface DeidentifyStats {
  removed: number;
  emptied: number;
  dummied: number;
  uidsReplaced: number;
  privateRemoved: number;
}

export function deidentifyDataset(dict: DicomDict, opts: DeidentifyOptions): DeidentifyStats {
  const stats: DeidentifyStats = { removed: 0, emptied: 0, dummied: 0, uidsReplaced: 0, privateRemoved: 0 };
  walk(dict, opts, stats, false);
  markDeidentified(dict);
  return stats;
}

/** The attributes PS3.15 E.1.1 step 6 requires on a de-identified data set (also used by the SR writer). */
export function markDeidentified(dict: DicomDict): void {
  dict['00120062'] = str('CS', 'YES');
  dict['00120063'] = str('LO', DEIDENTIFICATION_METHOD);
  dict['00120064'] = seq(code(BASIC_PROFILE_CODE));
  dict['00280303'] = str('CS', 'REMOVED');
}

function walk(dict: DicomDict, opts: DeidentifyOptions, stats: DeidentifyStats, insideDummySequence: boolean): void {
  for (const tag of Object.keys(dict)) {
    const el = dict[tag]!;
    const group = parseInt(tag.slice(0, 4), 16);
    if (group % 2 === 1) {
      delete dict[tag];
      stats.privateRemoved++;
      continue;
    }
    if (group === 0x0002) continue; // File Meta: rewritten by the writer, never copied.
    const row = profileRowFor(tag);
    if (row) {
      apply(dict, tag, el, row.action, opts, stats);
    } else if (DATE_VRS.has(el.vr) || el.vr === 'UN') {
      delete dict[tag];
      stats.removed++;
    } else if (el.vr === 'PN') {
      setValue(el, []);
      stats.emptied++;
    } else if (el.vr === 'SQ') {
      walkItems(el, opts, stats, insideDummySequence);
    } else if (insideDummySequence && FREE_TEXT_VRS.has(el.vr) && !CODE_STRUCTURE.has(tag)) {
      dummy(el);
      stats.dummied++;
    }
  }
}

function apply(dict: DicomDict, tag: string, el: DicomElement, action: ProfileAction, opts: DeidentifyOptions, stats: DeidentifyStats): void {
  switch (action) {
    // Compound actions choose by the attribute's type in the IOD. A de-identifier of arbitrary IODs
    // cannot know it per attribute, so the strongest action is taken: removal (X) where allowed, zero
    // length (Z) otherwise. Writers that need a Type 1 value (the SR's Content Date) set it afterwards.
    case 'X':
    case 'X/Z':
    case 'X/D':
    case 'X/Z/D':
    case 'C': // Never the Basic Profile's own action; only an option's. Treated as removal.
      delete dict[tag];
      stats.removed++;
      return;
    case 'Z':
    case 'Z/D':
      setValue(el, []);
      stats.emptied++;
      return;
    case 'D':
      if (el.vr === 'SQ') walkItems(el, opts, stats, true);
      else if (el.vr === 'UI') replaceUids(el, opts, stats);
      else {
        dummy(el);
        stats.dummied++;
      }
      return;
    case 'U':
    case 'X/Z/U*': // A reference sequence kept with every UID inside replaced (U*): the SR needs such references.
    case 'K':
      if (el.vr === 'SQ') walkItems(el, opts, stats, false);
      else if (el.vr === 'UI') replaceUids(el, opts, stats);
      return;
  }
}

function walkItems(el: DicomElement, opts: DeidentifyOptions, stats: DeidentifyStats, dummySequence: boolean): void {
  for (const item of el.Value ?? []) {
    if (item && typeof item === 'object') walk(item as DicomDict, opts, stats, dummySequence);
  }
  delete el._rawValue;
}

function replaceUids(el: DicomElement, opts: DeidentifyOptions, stats: DeidentifyStats): void {
  setValue(el, (el.Value ?? []).map((v) => (typeof v === 'string' && v.length > 0 ? opts.uids.map(v) : v)));
  stats.uidsReplaced++;
}

function dummy(el: DicomElement): void {
  if (el.vr === 'PN') setValue(el, [{ Alphabetic: 'ANONYMIZED' }]);
  else if (el.vr in DUMMY) setValue(el, [DUMMY[el.vr]]);
  else setValue(el, []); // Binary and numeric VRs: an empty value carries nothing.
}

function setValue(el: DicomElement, values: unknown[]): void {
  el.Value = values;
  delete el._rawValue;
  delete el.InlineBinary;
}
