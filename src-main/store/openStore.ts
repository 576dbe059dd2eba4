/**
 * Opens (creating if needed) the study store in `<dataDir>/qoq.sqlite` and wires the repositories.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createAuditLog } from './auditLog';
import { createFileRepository } from './fileRepository';
import { createImageRepository } from './imageRepository';
import { createIngest } from './ingest';
import { createInstanceRepository } from './instanceRepository';
import { migrate } from './migrations';
import { detectNetworkFs } from './networkFs';
import { openDatabase } from './openDatabase';
import { createPatientRepository } from './patientRepository';
import { createReviewRepository } from './reviewRepository';
import { createSeriesRepository } from './seriesRepository';
import { createStoredFileQuery } from './storedFileQuery';
import type { Store } from './Store';
import { createStudyDetailQuery } from './studyDetailQuery';
import { createStudyListQuery } from './studyListQuery';
import { createStudyRepository } from './studyRepository';
import { createVolumeRepository } from './volumeRepository';
import { createWaveformRepository } from './waveformRepository';

export const DB_FILE_NAME = 'qoq.sqlite';

export interface OpenStoreOptions {
  /** Open an existing store for reading only (no migration, no writes). */
  readonly?: boolean;
  /** Clock for imported_at and audit timestamps; tests pin it. */
  now?: () => Date;
}

export function openStore(dataDir: string, opts: OpenStoreOptions = {}): Store {
  const readonly = opts.readonly ?? false;
  const now = opts.now ?? (() => new Date());
  const dir = path.resolve(dataDir);
  if (!readonly) mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, DB_FILE_NAME);
  const networkFs = detectNetworkFs(dir);

  const db = openDatabase(dbPath, readonly);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }

  const files = createFileRepository(db);
  const instances = createInstanceRepository(db);
  const waveforms = createWaveformRepository(db);
  const images = createImageRepository(db);
  const volumes = createVolumeRepository(db);
  const list = createStudyListQuery(db);
  const detail = createStudyDetailQuery(db, { list, instances, waveforms, images, volumes });
  const ingest = createIngest(
    db,
    {
      files,
      patients: createPatientRepository(db),
      studies: createStudyRepository(db),
      series: createSeriesRepository(db),
      instances,
      waveforms,
      images,
      volumes,
    },
    now,
  );

  const audit = createAuditLog(db, now);

  return {
    dbPath,
    networkFs,
    audit,
    review: createReviewRepository(db, audit, now),
    hasFile: (sha256) => files.has(sha256.toLowerCase()),
    ingest,
    listStudies: (q) => list.list(q),
    getStudy: (id) => detail.get(id),
    getWaveform: (id) => waveforms.get(id),
    getInstanceFile: (id) => instances.fileOf(id),
    getStoredFile: createStoredFileQuery(db),
    integrityCheck: () => (db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('\n'),
    foreignKeyCheck: () => db.pragma('foreign_key_check') as unknown[],
    backup: async (toPath) => {
      await db.backup(toPath);
    },
    close: () => {
      if (!db.open) return;
      // Lets SQLite refresh planner statistics cheaply; only a writer may do it.
      if (!readonly) db.pragma('optimize');
      db.close();
    },
  };
}
