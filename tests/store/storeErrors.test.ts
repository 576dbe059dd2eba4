import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src-main/store';
import { toStoreError } from '../../src-main/store/storeErrors';

describe('store errors', () => {
  it('explains disk-full and read-only failures and keeps the SQLite error as cause', () => {
    const full = new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    const wrapped = toStoreError(full, 'Import');
    expect(wrapped).toBeInstanceOf(StoreError);
    expect((wrapped as StoreError).message).toBe('Import failed: the disk holding the study database is full. Nothing was changed.');
    expect((wrapped as StoreError).cause).toBe(full);

    const ro = toStoreError(new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY_DBMOVED'), 'Import');
    expect((ro as StoreError).code).toBe('SQLITE_READONLY_DBMOVED');
    expect((ro as StoreError).message).toMatch(/read-only/);
  });

  it('passes other errors through unchanged', () => {
    const constraint = new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE');
    expect(toStoreError(constraint, 'Import')).toBe(constraint);
    const plain = new Error('bug');
    expect(toStoreError(plain, 'Import')).toBe(plain);
  });
});
