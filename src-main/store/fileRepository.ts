/**
 * Every file the store keeps, main objects and companions alike, identified by SHA-256. The row is the
 * provenance record (where the file came from, where its copy lives) and the link to its bytes.
 */
import type Database from 'better-sqlite3';
import type { StoredFile } from './Store';

export type FileKind = 'dicom' | 'ecg' | 'photo' | 'volume' | 'companion';

interface FileParams {
  sha256: string;
  stored_path: string;
  original_path: string;
  size: number;
  kind: FileKind;
  unlinked_reason: string | null;
  imported_at: string;
}

export function createFileRepository(db: Database.Database) {
  const findId = db.prepare<[string], number>('SELECT id FROM files WHERE sha256 = ?').pluck();
  const insert = db.prepare<[FileParams]>(
    `INSERT INTO files (sha256, stored_path, original_path, size, kind, unlinked_reason, imported_at)
     VALUES (@sha256, @stored_path, @original_path, @size, @kind, @unlinked_reason, @imported_at)`,
  );
  const link = db.prepare<[number, number]>(
    'INSERT OR IGNORE INTO file_companions (file_ref, companion_ref) VALUES (?, ?)',
  );
  const studyOf = db
    .prepare<[string], number>(
      `SELECT x.study_ref FROM files f
         JOIN series_objects o ON o.file_ref = f.id
         JOIN series x ON x.id = o.series_ref
        WHERE f.sha256 = ? LIMIT 1`,
    )
    .pluck();

  function add(file: StoredFile, kind: FileKind, importedAt: string, unlinkedReason: string | null): number {
    const run = insert.run({
      sha256: file.sha256,
      stored_path: file.storedPath,
      original_path: file.originalPath,
      size: file.size,
      kind,
      unlinked_reason: unlinkedReason,
      imported_at: importedAt,
    });
    return Number(run.lastInsertRowid);
  }

  return {
    has(sha256: string): boolean {
      return findId.get(sha256) !== undefined;
    },
    add,
    /** Companions with the same bytes are stored once and shared (e.g. two records with one mask). */
    addCompanion(mainRef: number, companion: StoredFile, importedAt: string): void {
      const ref = findId.get(companion.sha256) ?? add(companion, 'companion', importedAt, null);
      link.run(mainRef, ref);
    },
    /** The study holding the object read from this file, if any (for reporting duplicates). */
    studyOf(sha256: string): number | undefined {
      return studyOf.get(sha256);
    },
  };
}

export type FileRepository = ReturnType<typeof createFileRepository>;
