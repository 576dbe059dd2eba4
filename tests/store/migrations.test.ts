import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openStore, SchemaVersionError } from '../../src-main/store';
import { migrate, MIGRATIONS } from '../../src-main/store/migrations';
import { openDatabase } from '../../src-main/store/openDatabase';
import { mixedBatch } from './fixtures/parsedObjects';
import { tempDir, testStore } from './fixtures/tempStore';

const TABLES = [
  'audit_log', 'file_companions', 'files', 'images', 'instances', 'patients', 'series', 'studies', 'volumes', 'waveforms',
  'analyses', 'findings', 'first_reads',
];

function schemaOf(dbPath: string): { version: number; objects: string[] } {
  const raw = new Database(dbPath, { readonly: true });
  try {
    return {
      version: raw.pragma('user_version', { simple: true }) as number,
      objects: raw.prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY 1").pluck().all() as string[],
    };
  } finally {
    raw.close();
  }
}

describe('opening and migrating the store', () => {
  it('creates <dataDir>/qoq.sqlite (and missing folders) at the latest schema version', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = testStore(dir);
    expect(store.dbPath).toBe(path.join(dir, 'qoq.sqlite'));
    expect(existsSync(store.dbPath)).toBe(true);

    const { version, objects } = schemaOf(store.dbPath);
    expect(version).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const t of TABLES) expect(objects).toContain(`table ${t}`);
    expect(objects).toContain('trigger audit_log_no_update');
    expect(objects).toContain('trigger audit_log_no_delete');
    expect(objects).toContain('view series_objects');
    expect(store.integrityCheck()).toBe('ok');
    expect(store.foreignKeyCheck()).toEqual([]);
  });

  it('applies the durability settings on every connection', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'x.sqlite'), false);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('reopens an existing store without changing its schema or data', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.ingest(mixedBatch());
    first.close();
    const before = schemaOf(path.join(dir, 'qoq.sqlite'));

    const again = testStore(dir);
    expect(schemaOf(again.dbPath)).toEqual(before);
    expect(again.listStudies({}).total).toBe(4);
  });

  it('refuses a database written by a newer program, and leaves it untouched', () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'qoq.sqlite');
    const future = new Database(dbPath);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.close();

    expect(() => openStore(dir)).toThrow(SchemaVersionError);
    expect(() => openStore(dir)).toThrow(new RegExp(`schema version ${LATEST_SCHEMA_VERSION + 1}.*knows versions up to ${LATEST_SCHEMA_VERSION}.*newer version`, 's'));
    expect(schemaOf(dbPath)).toEqual({ version: LATEST_SCHEMA_VERSION + 1, objects: ['table from_the_future'] });
  });

  it('runs each migration in its own transaction: a failing step leaves the previous version intact', () => {
    const db = openDatabase(path.join(tempDir(), 'm.sqlite'), false);
    try {
      const steps = [
        { version: 1, description: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
        { version: 2, description: 'broken', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO no_such_table VALUES (1);' },
      ];
      expect(() => migrate(db, steps)).toThrow(/no such table/);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['a']); // b was rolled back with the failed step
    } finally {
      db.close();
    }
  });

  it('opens read-only without migrating, and refuses a missing or outdated database', () => {
    const dir = tempDir();
    expect(() => openStore(dir, { readonly: true })).toThrow();
    const dbPath = path.join(dir, 'qoq.sqlite');
    writeFileSync(dbPath, '');
    expect(() => openStore(dir, { readonly: true })).toThrow(/needs migrating/);
  });

  it('backs up to a consistent copy that opens as a store', async () => {
    const store = testStore();
    store.ingest(mixedBatch());
    store.audit.append({ actor: 'tester', action: 'backup', objectType: 'store', objectId: 'main' });
    const backupDir = tempDir();

    await store.backup(path.join(backupDir, 'qoq.sqlite'));

    const copy = testStore(backupDir, { readonly: true });
    expect(copy.integrityCheck()).toBe('ok');
    expect(copy.listStudies({})).toEqual(store.listStudies({}));
    expect(copy.audit.verify()).toEqual({ ok: true, entries: 1, firstBadSeq: null });
  });
});
