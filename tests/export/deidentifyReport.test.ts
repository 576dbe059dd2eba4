/** The pieces of report de-identification: text cleaning, reference mapping, pseudonyms. */
import { describe, expect, it } from 'vitest';
import { pseudonym } from '../../src-main/export/deidentifyReport';
import { mapRef, parseRef } from '../../src-main/export/mapRef';
import { REMOVED, TextScrubber } from '../../src-main/export/scrubText';
import { UidMapper } from '../../src-main/export/uidMapper';

describe('TextScrubber', () => {
  it('removes a name, its parts, IDs and a date in its usual spellings, case-insensitively', () => {
    const s = new TextScrubber();
    s.addName('DOE^JANE^Q');
    s.add('CT CHEST WITH CONTRAST');
    s.add('MRN123456');
    s.add('20190317');
    const out = s.scrub('Jane Doe (mrn123456) seen 2019-03-17 and 17/03/2019; DOE^JANE^Q; Jan is fine. CT chest with contrast shows a nodule in the chest.');
    expect(out).not.toMatch(/jane|doe|mrn123456|2019-03-17|17\/03\/2019/i);
    expect(out).toContain(REMOVED);
    expect(out).toContain('Jan is fine'); // Parts shorter than 3 characters and unrelated words stay.
    // A description goes as a whole; its words stay in ordinary sentences.
    expect(out).toContain(`${REMOVED} shows a nodule in the chest.`);
  });
});

describe('references and pseudonyms', () => {
  it('maps the SOP Instance UID of a box reference and keeps photo/volume references', () => {
    const uids = new UidMapper(new Uint8Array(32).fill(7));
    const mapped = mapRef('1.2.840.1234.5#3', uids);
    expect(mapped).toMatch(/^2\.25\.\d+#3$/);
    expect(parseRef(mapped)).toEqual({ kind: 'dicom', id: uids.map('1.2.840.1234.5'), index: 3 });
    expect(mapRef('image:12', uids)).toBe('image:12');
    expect(mapRef('volume:4#20', uids)).toBe('volume:4#20');
  });

  it('gives one patient the same pseudonym within an export (same secret) and another in the next', () => {
    const secret = new Uint8Array(32).fill(1);
    expect(pseudonym('PAT-1', new UidMapper(secret))).toBe(pseudonym('PAT-1', new UidMapper(secret)));
    expect(pseudonym('PAT-1', new UidMapper(secret))).not.toBe(pseudonym('PAT-2', new UidMapper(secret)));
    expect(pseudonym('PAT-1', new UidMapper(secret))).not.toBe(pseudonym('PAT-1', new UidMapper()));
    expect(pseudonym('PAT-1', new UidMapper(secret))).toMatch(/^ANON-\d{10}$/);
  });
});
