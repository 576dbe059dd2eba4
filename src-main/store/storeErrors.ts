/**
 * Turns SQLite failures the user can act on (disk full, read-only volume, locked database) into clear
 * messages. The failed transaction has already been rolled back by then; the message says so.
 */
import Database from 'better-sqlite3';

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

const EXPLANATIONS: Record<string, string> = {
  SQLITE_FULL: 'the disk holding the study database is full',
  SQLITE_READONLY: 'the study database is read-only (read-only volume, permissions, or opened read-only)',
  SQLITE_BUSY: 'the study database is locked by another program',
  SQLITE_IOERR: 'the disk reported an I/O error',
  SQLITE_CORRUPT: 'the study database is damaged; restore it from a backup',
};

/** Wraps a known SQLite error for `operation`; anything else is returned unchanged. */
export function toStoreError(err: unknown, operation: string): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  const primary = Object.keys(EXPLANATIONS).find((c) => err.code === c || err.code.startsWith(`${c}_`));
  if (!primary) return err;
  return new StoreError(`${operation} failed: ${EXPLANATIONS[primary]}. Nothing was changed.`, err.code, {
    cause: err,
  });
}
