/**
 * Schema migrations keyed by PRAGMA user_version. Each migration runs in its own IMMEDIATE transaction
 * together with the user_version bump (the version lives in the database header, which is part of the
 * transaction), so a crash leaves the database at the old or the new version, never in between.
 */
import type Database from 'better-sqlite3';
import { SCHEMA_V1 } from './schemaV1';
import { SCHEMA_V2 } from './schemaV2';

export interface Migration {
  /** The user_version the database has after this migration. */
  version: number;
  description: string;
  sql: string;
}

/** Append only; never edit a shipped migration. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'patients, studies, series, files, objects, audit log', sql: SCHEMA_V1 },
  { version: 2, description: 'review: stored analyses, reviewed findings, first reads', sql: SCHEMA_V2 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The database was written by a newer (or foreign) program: opening it could corrupt data. */
export class SchemaVersionError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
    dbPath: string,
  ) {
    super(
      `The study database ${dbPath} has schema version ${found}, but this program knows versions up to ` +
        `${supported}. It was written by a newer version of the workstation; update the program ` +
        `(the database was not changed).`,
    );
    this.name = 'SchemaVersionError';
  }
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the latest version. Read-only connections only check: they refuse a newer
 * database and one that still needs migrating.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const found = userVersion(db);
  if (found > latest) throw new SchemaVersionError(found, latest, db.name);
  if (found === latest) return;
  if (db.readonly) {
    throw new Error(
      `The study database ${db.name} is at schema version ${found} and needs migrating to ${latest}; ` +
        `open it once read-write.`,
    );
  }
  for (const m of migrations) {
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      const current = userVersion(db);
      if (current >= m.version) return;
      db.exec(m.sql);
      // Not a bindable statement; m.version is our own integer constant.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    });
    step.immediate();
  }
}
