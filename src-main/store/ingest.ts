/**
 * Stores a batch of parsed objects in ONE transaction: after a crash the batch is either all there or not
 * there at all, and the import pipeline acknowledges files only after this returns.
 *
 * Identity rules (documented for the import report):
 * - A file whose SHA-256 is already stored is a duplicate: nothing is added (idempotent re-import).
 * - Patients, studies and series are found by their DICOM identifiers and only ever gain fields: a later
 *   file fills empty ones and never overwrites a non-empty one.
 * - A DICOM object whose SOP Instance UID is already stored from a different file keeps the FIRST: two
 *   different byte streams claiming one identity (re-sent with other padding, a modified copy, or a UID
 *   collision) cannot both be "the" instance, and silently replacing what a radiologist may already have
 *   read is worse. The second file is recorded (kept on disk, unlinked, with the reason) so re-importing it
 *   is a plain duplicate, and a warning names both.
 * - An item that fails validation or a schema constraint is skipped with a warning; the rest of the batch
 *   is stored. Any other failure (disk full, I/O) rolls the whole batch back.
 */
import type Database from 'better-sqlite3';
import { DOMAINS } from '../parsing/types';
import type { FileRepository } from './fileRepository';
import type { ImageRepository } from './imageRepository';
import type { InstanceRepository } from './instanceRepository';
import type { PatientRepository } from './patientRepository';
import type { SeriesRepository } from './seriesRepository';
import type { IngestItem, IngestResult, StoredFile } from './Store';
import { toStoreError } from './storeErrors';
import type { StudyRepository } from './studyRepository';
import type { VolumeRepository } from './volumeRepository';
import type { WaveformRepository } from './waveformRepository';

export interface IngestRepositories {
  files: FileRepository;
  patients: PatientRepository;
  studies: StudyRepository;
  series: SeriesRepository;
  instances: InstanceRepository;
  waveforms: WaveformRepository;
  images: ImageRepository;
  volumes: VolumeRepository;
}

type ItemOutcome = { stored: 'new' | 'duplicate'; studyRef: number | undefined } | { stored: 'refused'; reason: string };

export function createIngest(db: Database.Database, repos: IngestRepositories, now: () => Date) {
  const { files, patients, studies, series, instances, waveforms, images, volumes } = repos;

  /** Stores one valid item; runs inside a savepoint so a constraint failure undoes only this item. */
  const storeItem = db.transaction(
    (item: IngestItem, importedAt: string, warn: (warning: string) => void): ItemOutcome => {
      const { object: o, file, companions } = item;
      if (files.has(file.sha256)) return { stored: 'duplicate', studyRef: files.studyOf(file.sha256) };

      if (o.kind === 'dicom') {
        const holder = instances.fileHoldingSop(o.sopInstanceUid);
        if (holder !== undefined) {
          const reason =
            `SOP Instance UID ${o.sopInstanceUid} is already stored from another file (sha256 ${holder}); ` +
            `kept the stored instance, this file is recorded but not shown`;
          files.add(file, 'dicom', importedAt, reason);
          warn(reason);
          return { stored: 'duplicate', studyRef: files.studyOf(holder) };
        }
      }

      const patient = patients.upsert(o.patient);
      const study = studies.upsert(o.study, patient.id, o.patient.patientId, importedAt);
      const seriesRow = series.upsert(o.series, study.id, o.study.studyInstanceUid, o.domain);
      for (const conflict of [patient.conflict, study.conflict, seriesRow.conflict]) if (conflict) warn(conflict);

      const fileRef = files.add(file, o.kind, importedAt, null);
      for (const companion of companions) files.addCompanion(fileRef, companion, importedAt);

      switch (o.kind) {
        case 'dicom':
          instances.add(o, fileRef, seriesRow.id);
          // A DICOM ECG is also a waveform, so ECG viewers and the model find it with the other ECGs.
          if (o.waveform) {
            waveforms.add({ ...o, summary: o.waveform, recordId: o.sopInstanceUid }, fileRef, seriesRow.id);
          }
          break;
        case 'ecg':
          waveforms.add({ ...o, summary: o.waveform }, fileRef, seriesRow.id);
          break;
        case 'photo':
          images.add(o, fileRef, seriesRow.id);
          break;
        case 'volume':
          volumes.add(o, fileRef, seriesRow.id);
          break;
      }
      return { stored: 'new', studyRef: seriesRow.studyRef };
    },
  );

  const ingestBatch = db.transaction((items: IngestItem[]): IngestResult => {
    const importedAt = now().toISOString();
    const result: IngestResult = { inserted: 0, duplicates: 0, studyIds: [], warnings: [], outcomes: [] };
    const studyIds = new Set<number>();
    // A 300-slice series with one patient-name conflict would otherwise repeat the same warning 300 times.
    const seenWarnings = new Set<string>();

    for (const raw of items) {
      const path = raw.file.originalPath;
      const warn = (warning: string) => {
        if (seenWarnings.has(warning)) return;
        seenWarnings.add(warning);
        result.warnings.push({ path, warning });
      };
      const invalid = invalidReason(raw);
      if (invalid) {
        warn(`not stored: ${invalid}`);
        result.outcomes.push({ stored: 'refused', reason: invalid });
        continue;
      }
      const outcome = storeItemOrRefuse(normalise(raw), importedAt, warn);
      result.outcomes.push(outcome.stored === 'refused' ? { stored: 'refused', reason: outcome.reason } : { stored: outcome.stored });
      if (outcome.stored === 'refused') continue;
      if (outcome.stored === 'new') result.inserted++;
      else result.duplicates++;
      if (outcome.studyRef !== undefined) studyIds.add(outcome.studyRef);
    }
    result.studyIds = [...studyIds];
    return result;
  });

  function storeItemOrRefuse(item: IngestItem, importedAt: string, warn: (w: string) => void): ItemOutcome {
    try {
      return storeItem(item, importedAt, warn);
    } catch (err) {
      // Only data errors are per item; disk full, I/O and the like must abort the whole batch.
      if (err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT')) {
        warn(`not stored: ${err.message}`);
        return { stored: 'refused', reason: err.message };
      }
      throw err;
    }
  }

  return function ingest(items: IngestItem[]): IngestResult {
    try {
      // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout) instead of
      // failing half-way when a read lock cannot be upgraded.
      return ingestBatch.immediate(items);
    } catch (err) {
      throw toStoreError(err, 'Import');
    }
  };
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

function invalidReason(item: IngestItem): string | undefined {
  const o = item.object;
  for (const f of [item.file, ...item.companions]) {
    if (!SHA256_HEX.test(f.sha256)) return `bad SHA-256 "${f.sha256}" for ${f.originalPath}`;
    if (!Number.isSafeInteger(f.size) || f.size < 0) return `bad size ${f.size} for ${f.originalPath}`;
  }
  if (!o.patient.patientId.trim()) return 'empty patient ID';
  if (!o.study.studyInstanceUid.trim()) return 'empty Study Instance UID';
  if (!o.series.seriesInstanceUid.trim()) return 'empty Series Instance UID';
  if (o.kind === 'dicom' && !o.sopInstanceUid.trim()) return 'empty SOP Instance UID';
  if (!(DOMAINS as readonly string[]).includes(o.domain)) return `unknown domain "${o.domain}"`;
  return undefined;
}

/** Hashes are compared as lower-case hex everywhere (hasFile does the same). */
function normalise(item: IngestItem): IngestItem {
  const lower = (f: StoredFile): StoredFile => ({ ...f, sha256: f.sha256.toLowerCase() });
  return { ...item, file: lower(item.file), companions: item.companions.map(lower) };
}
