import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError, type IngestItem, type Store } from '../../src-main/store';
import { ctSlice, ctStudyItems, ecgObject, item, mixedBatch, photoObject, storedFile } from './fixtures/parsedObjects';
import { testStore } from './fixtures/tempStore';

/** Row counts straight from the file, so the assertions do not depend on the store's own queries. */
function rowCounts(store: Store): Record<string, number> {
  const raw = new Database(store.dbPath, { readonly: true });
  try {
    const tables = [
      'patients', 'studies', 'series', 'files', 'file_companions', 'instances', 'waveforms', 'images', 'volumes',
    ];
    return Object.fromEntries(
      tables.map((t) => [t, raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
    );
  } finally {
    raw.close();
  }
}

describe('ingest', () => {
  it('stores a mixed batch and groups it into patients, studies and series', () => {
    const store = testStore();
    const batch = mixedBatch();
    const result = store.ingest(batch);

    expect(result).toMatchObject({ inserted: 7, duplicates: 0, warnings: [] });
    expect(result.studyIds).toHaveLength(4);
    expect(rowCounts(store)).toEqual({
      patients: 4,
      studies: 4,
      series: 5, // CT axial + CT scout + ECG + photo + volume
      files: 9, // 7 objects + WFDB .dat + photo sidecar
      file_companions: 2,
      instances: 4,
      waveforms: 1,
      images: 1,
      volumes: 1,
    });
    for (const it of batch) {
      expect(store.hasFile(it.file.sha256)).toBe(true);
      for (const c of it.companions) expect(store.hasFile(c.sha256)).toBe(true);
    }
    expect(store.hasFile(storedFile('never imported').sha256)).toBe(false);
    expect(store.hasFile(batch[0]!.file.sha256.toUpperCase())).toBe(true);

    const ct = store.listStudies({ modality: 'CT' }).studies;
    expect(ct).toHaveLength(1);
    expect(ct[0]).toMatchObject({ patientId: 'P001', patientName: 'DOE^JANE', seriesCount: 2, objectCount: 4 });
  });

  it('is idempotent: re-ingesting the same files adds nothing and counts duplicates', () => {
    const store = testStore();
    const first = store.ingest(mixedBatch());
    const before = rowCounts(store);

    const again = store.ingest(mixedBatch());

    expect(again).toEqual({
      inserted: 0,
      duplicates: 7,
      studyIds: first.studyIds,
      warnings: [],
      outcomes: Array.from({ length: 7 }, () => ({ stored: 'duplicate' })),
    });
    expect(first.outcomes.every((o) => o.stored === 'new')).toBe(true);
    expect(rowCounts(store)).toEqual(before);
  });

  it('counts a file repeated inside one batch as a duplicate', () => {
    const store = testStore();
    const [a] = ctStudyItems();
    expect(store.ingest([a!, a!])).toMatchObject({ inserted: 1, duplicates: 1 });
  });

  it('keeps the first instance when another file carries the same SOP Instance UID', () => {
    const store = testStore();
    const original = item(ctSlice(1), 'ct/IM0001');
    const resent = item(ctSlice(1), 'other-cd/IM0001-with-different-padding');
    store.ingest([original]);

    const result = store.ingest([resent]);

    expect(result.inserted).toBe(0);
    expect(result.duplicates).toBe(1);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.path).toBe(resent.file.originalPath);
    expect(result.warnings[0]!.warning).toContain(ctSlice(1).sopInstanceUid);
    expect(result.warnings[0]!.warning).toContain(original.file.sha256);

    const detail = store.getStudy(result.studyIds[0]!)!;
    const instances = detail.series.flatMap((s) => s.instances);
    expect(instances).toHaveLength(1);
    expect(instances[0]!.sha256).toBe(original.file.sha256);
    // The second file is recorded, so importing it again is a plain, silent duplicate.
    expect(store.hasFile(resent.file.sha256)).toBe(true);
    expect(store.ingest([resent])).toMatchObject({ inserted: 0, duplicates: 1, warnings: [] });
  });

  it('fills empty patient/study/series fields from later files but never overwrites them', () => {
    const store = testStore();
    const bare = ctSlice(1);
    bare.patient = { patientId: 'P001' };
    bare.study = { studyInstanceUid: bare.study.studyInstanceUid };
    bare.series = { seriesInstanceUid: bare.series.seriesInstanceUid, modality: 'ct' };
    store.ingest([item(bare, 'a')]);

    const full = ctSlice(2);
    const other = ctSlice(3, { description: 'SOMETHING ELSE', accession: 'ACC9999' });
    const result = store.ingest([item(full, 'b'), item(other, 'c')]);

    const study = store.getStudy(result.studyIds[0]!)!;
    expect(study.study).toMatchObject({
      patientName: 'DOE^JANE',
      studyDate: '20240312',
      description: 'CT CHEST W/O CONTRAST',
      accessionNumber: 'ACC1001',
    });
    expect(study.series[0]).toMatchObject({ modality: 'CT', seriesNumber: 2, description: 'AXIAL 2.5mm' });
  });

  it('warns once when a patient ID arrives with another name, and keeps the stored name', () => {
    const store = testStore();
    store.ingest([item(ctSlice(1), 'a')]);
    const clash = [2, 3].map((i) => item(ctSlice(i, { patientName: 'SMITH^JOHN' }), `b${i}`));

    const result = store.ingest(clash);

    expect(result.inserted).toBe(2);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.warning).toMatch(/patient ID P001 .*DOE\^JANE.*SMITH\^JOHN/);
    expect(store.listStudies({}).studies[0]!.patientName).toBe('DOE^JANE');
  });

  it('treats DICOM PN padding as the same name', () => {
    const store = testStore();
    store.ingest([item(ctSlice(1, { patientName: 'DOE^JANE' }), 'a')]);
    expect(store.ingest([item(ctSlice(2, { patientName: 'doe^jane^^' }), 'b')]).warnings).toEqual([]);
  });

  it('skips an invalid item with a warning and stores the rest of the batch', () => {
    const store = testStore();
    const bad = item(ctSlice(1), 'bad');
    bad.file = { ...bad.file, sha256: 'not-a-hash' };
    const gif = item({ ...photoObject(), format: 'gif' as 'png' }, 'derm/x.gif');

    const result = store.ingest([bad, item(ctSlice(2), 'good'), gif]);

    expect(result.inserted).toBe(1);
    expect(result.warnings.map((w) => w.path)).toEqual([bad.file.originalPath, gif.file.originalPath]);
    expect(result.warnings[0]!.warning).toMatch(/^not stored: bad SHA-256/);
    expect(result.warnings[1]!.warning).toMatch(/^not stored: CHECK constraint failed/);
    // The refused photo left no patient, study or file behind (its savepoint was rolled back).
    expect(rowCounts(store)).toMatchObject({ patients: 1, studies: 1, files: 1 });
  });

  it('rolls the whole batch back when an item fails for a non-data reason', () => {
    const store = testStore();
    const broken = item(ctSlice(3), 'broken');
    Object.defineProperty(broken, 'object', {
      get() {
        throw new Error('worker sent a malformed object');
      },
    });
    const batch: IngestItem[] = [item(ctSlice(1), 'a'), item(ctSlice(2), 'b'), broken];

    expect(() => store.ingest(batch)).toThrow('malformed object');
    expect(rowCounts(store)).toMatchObject({ patients: 0, studies: 0, files: 0, instances: 0 });
  });

  it('stores a DICOM ECG as an instance and as a waveform, counted once', () => {
    const store = testStore();
    const ecgDicom = ctSlice(1, { studyUid: '1.2.3.4.5' });
    Object.assign(ecgDicom, {
      objectType: 'waveform',
      domain: 'ecg',
      geometry: undefined,
      pixels: { state: 'none' },
      waveform: { ...ecgObject().waveform, format: 'dicom' },
    });
    ecgDicom.series.modality = 'ECG';

    const { studyIds } = store.ingest([item(ecgDicom, 'ecg.dcm')]);
    const detail = store.getStudy(studyIds[0]!)!;

    expect(detail.study.objectCount).toBe(1);
    expect(detail.series[0]!.instances[0]!.objectType).toBe('waveform');
    expect(detail.series[0]!.waveforms[0]).toMatchObject({ format: 'dicom', samplingRateHz: 500, leads: expect.any(Array) });
  });

  it('shares a companion file between records and stores it once', () => {
    const store = testStore();
    const a = item(photoObject(), 'derm/a.jpg', ['derm/mask.png']);
    const b = item({ ...photoObject(), series: { seriesInstanceUid: '2.25.9', modality: 'XC' } }, 'derm/b.jpg', ['derm/mask.png']);
    store.ingest([a, b]);
    expect(rowCounts(store)).toMatchObject({ files: 3, file_companions: 2, images: 2 });
  });

  it('refuses to write through a read-only store with a clear error', () => {
    const writable = testStore();
    writable.ingest([item(ctSlice(1), 'a')]);
    const reader = testStore(writable.dbPath.replace(/\/qoq\.sqlite$/, ''), { readonly: true });

    expect(reader.listStudies({}).total).toBe(1);
    let error: unknown;
    try {
      reader.ingest([item(ctSlice(2), 'b')]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/read-only.*Nothing was changed/);
  });
});
