import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../src-main/contract/schemas';
import type { AuditAppend, Store } from '../../src-main/store';
import { testStore } from './fixtures/tempStore';

/**
 * The documented formula, written again here so the test does not trust the code it checks:
 * hash = sha256_hex(prev + '\n' + JSON with keys sorted recursively), genesis prev = 64 zeros.
 */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  }
  return v;
}
function expectedHash(prev: string, e: { seq: number; atUtc: string; details?: unknown } & Omit<AuditAppend, 'details'>) {
  const content = JSON.stringify(
    sortKeys({
      seq: e.seq,
      atUtc: e.atUtc,
      actor: e.actor,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      details: e.details ?? null,
    }),
  );
  return createHash('sha256').update(`${prev}\n${content}`).digest('hex');
}

const EVENTS: AuditAppend[] = [
  { actor: 'dr.lee', action: 'import', objectType: 'study', objectId: '1.2.3', details: { files: 3, source: '/media/cdrom' } },
  { actor: 'dr.lee', action: 'view', objectType: 'study', objectId: '1.2.3' },
  {
    actor: 'dr.lee',
    action: 'edit-finding',
    objectType: 'finding',
    objectId: '17',
    details: { before: { text: 'no nodule', z: [1, { b: 2, a: 1 }] }, after: { text: 'nodule 6 mm', z: null } },
  },
  { actor: 'system', action: 'model-run', objectType: 'study', objectId: '1.2.3', details: { model: 'qoq-med-7b', sha256: 'ab'.repeat(32) } },
  { actor: 'dr.kim', action: 'export', objectType: 'study', objectId: '1.2.3', details: ['pdf', 'Ünïcödé'] },
];

function seeded(): Store {
  const store = testStore();
  for (const e of EVENTS) store.audit.append(e);
  return store;
}

/** A second, ordinary connection to the same file (not the store's own). */
function rawConnection(store: Store): Database.Database {
  return new Database(store.dbPath);
}

describe('audit log', () => {
  it('chains every entry to its predecessor with the documented hash', () => {
    const store = testStore();
    let prev = '0'.repeat(64);
    EVENTS.forEach((e, i) => {
      const entry = store.audit.append(e);
      AuditEntrySchema.parse(entry);
      expect(entry.seq).toBe(i + 1);
      expect(entry.atUtc).toBe(new Date(Date.parse('2025-01-01T00:00:00Z') + i * 1000).toISOString());
      expect(entry.hash).toBe(expectedHash(prev, { ...e, seq: entry.seq, atUtc: entry.atUtc }));
      prev = entry.hash;
    });
    expect(store.audit.verify()).toEqual({ ok: true, entries: 5, firstBadSeq: null });
  });

  it('lists newest first with paging and returns details as stored', () => {
    const store = seeded();
    const page = store.audit.list({ limit: 2, offset: 1 });
    expect(page.map((e) => e.seq)).toEqual([4, 3]);
    expect(page[1]!.details).toEqual(EVENTS[2]!.details);
    expect(store.audit.list({}).map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(store.audit.list({}).at(-2)!.details).toBeNull();
  });

  it('refuses UPDATE and DELETE through an ordinary connection', () => {
    const store = seeded();
    const raw = rawConnection(store);
    try {
      expect(() => raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run()).toThrow(
        'audit log is append-only',
      );
      expect(() => raw.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow('audit log is append-only');
    } finally {
      raw.close();
    }
    expect(store.audit.verify().ok).toBe(true);
  });

  it('detects an entry edited behind the triggers at that entry', () => {
    const store = seeded();
    const raw = rawConnection(store);
    try {
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare(`UPDATE audit_log SET details = '{"after":{"text":"no nodule"}}' WHERE seq = 3`).run();
    } finally {
      raw.close();
    }
    expect(store.audit.verify()).toEqual({ ok: false, entries: 5, firstBadSeq: 3 });
  });

  it('detects an edit whose hash was recomputed, at the next entry', () => {
    const store = seeded();
    const [e2] = store.audit.list({ limit: 1, offset: 3 });
    const forged = { ...EVENTS[1]!, actor: 'mallory', seq: 2, atUtc: e2!.atUtc };
    const prev = store.audit.list({ limit: 1, offset: 4 })[0]!.hash;
    const raw = rawConnection(store);
    try {
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare("UPDATE audit_log SET actor = 'mallory', hash = ? WHERE seq = 2").run(expectedHash(prev, forged));
    } finally {
      raw.close();
    }
    expect(store.audit.verify()).toEqual({ ok: false, entries: 5, firstBadSeq: 3 });
  });

  it('detects a deleted entry', () => {
    const store = seeded();
    const raw = rawConnection(store);
    try {
      raw.exec('DROP TRIGGER audit_log_no_delete');
      raw.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    } finally {
      raw.close();
    }
    expect(store.audit.verify()).toEqual({ ok: false, entries: 4, firstBadSeq: 3 });
  });

  it('verifies an empty log', () => {
    expect(testStore().audit.verify()).toEqual({ ok: true, entries: 0, firstBadSeq: null });
  });
});
