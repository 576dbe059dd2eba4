import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/store';
import { ctSlice, ecgObject, item, photoObject, volumeObject } from './fixtures/parsedObjects';
import { testStore } from './fixtures/tempStore';

/**
 * Six studies, imported one per call so the stepping clock gives each its own imported_at
 * (import order: A, B, C, D, E, F).
 */
function seed(store: Store): void {
  const ct = (tag: string, o: Parameters<typeof ctSlice>[1]) => item(ctSlice(1, o), tag);
  store.ingest([
    ct('A', { studyUid: '1.2.3.100', patientId: 'P100', patientName: 'MÜLLER^ANNA', studyDate: '20240101', accession: 'X-1' }),
  ]);
  store.ingest([
    ct('B', { studyUid: '1.2.3.200', patientId: 'P200', patientName: 'BROWN^BOB', studyDate: '20240315', description: 'CT 50%_dose' }),
  ]);
  store.ingest([
    ct('C', { studyUid: '1.2.3.300', patientId: 'P300', patientName: 'ADAMS^ZOE', studyDate: '20231120', description: 'CT 50 percent' }),
  ]);
  store.ingest([item(ecgObject(), 'D.hea', ['D.dat'])]); // no date, no name
  store.ingest([item(photoObject(), 'E.jpg')]); // ROE^RICHARD, 20230705, skin
  store.ingest([item(volumeObject(), 'F.nii')]); // no name, 20220101, mri
}

describe('listStudies', () => {
  let store: Store;
  beforeEach(() => {
    store = testStore();
    seed(store);
  });

  const uids = (q: Parameters<Store['listStudies']>[0]) => store.listStudies(q).studies.map((s) => s.studyInstanceUid);

  it('lists everything by study date, newest first, undated last', () => {
    const { studies, total } = store.listStudies({});
    expect(total).toBe(6);
    expect(studies.map((s) => s.studyDate)).toEqual(['20240315', '20240101', '20231120', '20230705', '20220101', null]);
  });

  it('matches text case-insensitively in patient id, name, description, accession and study UID', () => {
    expect(uids({ text: 'p200' })).toEqual(['1.2.3.200']);
    expect(uids({ text: 'brown' })).toEqual(['1.2.3.200']);
    expect(uids({ text: 'müller' })).toEqual(['1.2.3.100']); // non-ASCII case folding
    expect(uids({ text: 'muller anna' })).toEqual([]);
    expect(uids({ text: 'MÜLLER ANNA' })).toEqual(['1.2.3.100']); // '^' typed as a space
    expect(uids({ text: 'x-1' })).toEqual(['1.2.3.100']);
    expect(uids({ text: 'DERMOSCOPY' })).toEqual(['2.25.3000001']);
    expect(uids({ text: '1.2.3.3' })).toEqual(['1.2.3.300']);
    expect(uids({ text: '   ' })).toHaveLength(6);
  });

  it('treats LIKE wildcards in the search text literally', () => {
    expect(uids({ text: '50%_' })).toEqual(['1.2.3.200']);
    expect(uids({ text: '%' })).toEqual(['1.2.3.200']);
    // Literal '_' is in "50%_dose" and in the WFDB patient ID "WFDB-00001_hr", nowhere else.
    expect(store.listStudies({ text: '_' }).total).toBe(2);
    expect(uids({ text: '_', domain: 'ecg' })).toHaveLength(1);
    expect(uids({ text: '\\' })).toEqual([]);
  });

  it('filters by domain and by modality (case-insensitive code)', () => {
    expect(uids({ domain: 'skin' })).toEqual(['2.25.3000001']);
    expect(uids({ domain: 'ecg' })).toHaveLength(1);
    expect(uids({ domain: 'pathology' })).toEqual([]);
    expect(uids({ modality: 'ct' })).toEqual(['1.2.3.200', '1.2.3.100', '1.2.3.300']);
    expect(uids({ modality: 'MR', domain: 'mri' })).toEqual(['2.25.4000001']);
    expect(uids({ modality: 'CT', text: 'adams' })).toEqual(['1.2.3.300']);
  });

  it('sorts by patient name (unnamed last) and by import time (newest first)', () => {
    const byPatient = store.listStudies({ sort: 'patient' }).studies.map((s) => s.patientName);
    expect(byPatient).toEqual(['ADAMS^ZOE', 'BROWN^BOB', 'MÜLLER^ANNA', 'ROE^RICHARD', null, null]);

    const byImport = store.listStudies({ sort: 'imported' }).studies;
    expect(byImport.map((s) => s.studyInstanceUid).slice(0, 3)).toEqual(['2.25.4000001', '2.25.3000001', expect.any(String)]);
    expect(byImport.at(-1)!.studyInstanceUid).toBe('1.2.3.100');
    const times = byImport.map((s) => s.importedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('pages with a stable total', () => {
    const all = uids({ sort: 'date' });
    const page1 = store.listStudies({ sort: 'date', limit: 4, offset: 0 });
    const page2 = store.listStudies({ sort: 'date', limit: 4, offset: 4 });
    expect(page1.total).toBe(6);
    expect(page2.total).toBe(6);
    expect(page1.studies).toHaveLength(4);
    expect(page2.studies).toHaveLength(2);
    expect([...page1.studies, ...page2.studies].map((s) => s.studyInstanceUid)).toEqual(all);
    expect(store.listStudies({ text: 'ct', limit: 1 })).toMatchObject({ total: 3, studies: [expect.anything()] });
  });

  it('summarises modalities, domains and counts per study', () => {
    const [ecg] = store.listStudies({ domain: 'ecg' }).studies;
    expect(ecg).toMatchObject({ modalities: ['ECG'], domains: ['ecg'], seriesCount: 1, objectCount: 1, patientName: null });
    expect(ecg!.importedAt).toBe('2025-01-01T00:00:03.000Z');
  });
});
