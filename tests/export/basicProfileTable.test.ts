/**
 * The Basic Profile table against actions the standard (PS3.15 Table E.1-1) gives, for a representative
 * subset across patient, study, equipment, UID, date, sequence and repeating-group rows.
 */
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE, profileRowFor } from '../../src-main/export/basicProfileTable';

const KNOWN: [string, string, string][] = [
  ['00100010', "Patient's Name", 'Z'],
  ['00100020', 'Patient ID', 'Z'],
  ['00100030', "Patient's Birth Date", 'Z'],
  ['00100040', "Patient's Sex", 'Z'],
  ['00101010', "Patient's Age", 'X'],
  ['00101000', 'Other Patient IDs', 'X'],
  ['00101040', "Patient's Address", 'X'],
  ['00080050', 'Accession Number', 'Z'],
  ['00080020', 'Study Date', 'Z'],
  ['00080030', 'Study Time', 'Z'],
  ['00080021', 'Series Date', 'X/D'],
  ['00080023', 'Content Date', 'Z/D'],
  ['0008002A', 'Acquisition DateTime', 'X/Z/D'],
  ['00080090', "Referring Physician's Name", 'Z'],
  ['00081050', "Performing Physician's Name", 'X'],
  ['00081070', "Operators' Name", 'X/Z/D'],
  ['00080080', 'Institution Name', 'X/Z/D'],
  ['00080081', 'Institution Address', 'X'],
  ['00081010', 'Station Name', 'X/Z/D'],
  ['00181000', 'Device Serial Number', 'X/Z/D'],
  ['00081030', 'Study Description', 'X'],
  ['0008103E', 'Series Description', 'X'],
  ['00200010', 'Study ID', 'Z'],
  ['0020000D', 'Study Instance UID', 'U'],
  ['0020000E', 'Series Instance UID', 'U'],
  ['00080018', 'SOP Instance UID', 'U'],
  ['00200052', 'Frame of Reference UID', 'U'],
  ['00081155', 'Referenced SOP Instance UID', 'U'],
  ['00081140', 'Referenced Image Sequence', 'X/Z/U*'],
  ['00082112', 'Source Image Sequence', 'X/Z/U*'],
  ['00081120', 'Referenced Patient Sequence', 'X'],
  ['0040A730', 'Content Sequence', 'D'],
  ['0040A123', 'Person Name', 'D'],
  ['0040A124', 'UID', 'U'],
  ['00204000', 'Image Comments', 'X'],
  ['00321060', 'Requested Procedure Description', 'X/Z'],
  ['00880200', 'Icon Image Sequence', 'X'],
  ['00120062', 'Patient Identity Removed', ''],
];

describe('Basic Profile table (PS3.15 Table E.1-1)', () => {
  it.each(KNOWN)('%s %s → %s', (tag, name, action) => {
    const row = profileRowFor(tag);
    if (action === '') {
      expect(row).toBeUndefined();
      return;
    }
    expect(row?.name).toBe(name);
    expect(row?.action).toBe(action);
  });

  it('matches repeating groups (overlays 60xx, curves 50xx) by mask', () => {
    expect(profileRowFor('60004000')?.name).toBe('Overlay Comments');
    expect(profileRowFor('601E3000')?.name).toBe('Overlay Data');
    expect(profileRowFor('50020010')?.name).toBe('Curve Data');
    expect(profileRowFor('60000010')).toBeUndefined(); // Overlay Rows: not identifying, not listed.
  });

  it('covers the whole Basic Profile column: hundreds of rows, each tag once', () => {
    expect(BASIC_PROFILE.length).toBeGreaterThan(400);
    expect(new Set(BASIC_PROFILE.map((r) => r.tag)).size).toBe(BASIC_PROFILE.length);
    expect(BASIC_PROFILE.every((r) => /^[0-9A-FX]{8}$/.test(r.tag))).toBe(true);
  });
});
