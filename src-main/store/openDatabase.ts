/**
 * Opens the SQLite connection with the settings the store's durability promises rely on.
 */
import Database from 'better-sqlite3';

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(dbPath: string, readonly: boolean): Database.Database {
  const db = new Database(dbPath, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  try {
    if (!readonly) {
      // WAL: readers never block the importer, and a crash mid-commit leaves the old state intact.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not enable WAL on ${dbPath} (journal_mode=${String(mode)})`);
    }
    // FULL: in WAL mode NORMAL may lose the last commits on power loss; acknowledged edits must survive.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    registerFold(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * fold(text): the search key for case-insensitive matching. SQLite's LIKE folds ASCII only ("MÜLLER"
 * would not match "müller"); DICOM person names separate components with '^', which users type as spaces.
 * Used in queries only, never in the schema, so the file stays readable by the plain sqlite3 shell.
 */
export function foldSearchText(value: string): string {
  return value.toLowerCase().replaceAll('^', ' ');
}

function registerFold(db: Database.Database): void {
  db.function('fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldSearchText(value) : value,
  );
}
