/**
 * Append-only, hash-chained audit log. Each entry's hash covers its content and its predecessor's hash:
 *
 *   hash = sha256_hex(prev_hash + '\n' + canonicalJson({seq, atUtc, actor, action, objectType, objectId, details}))
 *
 * with canonicalJson = keys sorted recursively, no whitespace; the first entry's prev_hash is 64 zeros.
 * SQLite triggers refuse UPDATE and DELETE; the chain detects edits made around them (raw file access).
 * Limit: removing the newest entries leaves a valid shorter chain; anchoring the head hash elsewhere
 * (exports, backups) is what detects truncation.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditVerification } from '../contract/schemas';
import { canonicalJson } from './canonicalJson';
import { parseJsonOrNull } from './sqlValues';
import type { AuditAppend, AuditLog } from './Store';
import { toStoreError } from './storeErrors';

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at_utc: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

type HashedFields = Omit<AuditEntry, 'hash'>;

export function auditHash(prevHash: string, e: HashedFields): string {
  const content = canonicalJson({
    seq: e.seq,
    atUtc: e.atUtc,
    actor: e.actor,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    details: e.details,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

export function createAuditLog(db: Database.Database, now: () => Date): AuditLog {
  const last = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare<[AuditRow]>(
    `INSERT INTO audit_log (seq, at_utc, actor, action, object_type, object_id, details, prev_hash, hash)
     VALUES (@seq, @at_utc, @actor, @action, @object_type, @object_id, @details, @prev_hash, @hash)`,
  );
  const page = db.prepare<[number, number], AuditRow>(
    'SELECT * FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?',
  );
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');

  // Reading the head and inserting happen under one write lock, so two writers cannot fork the chain.
  const appendTx = db.transaction((e: AuditAppend): AuditEntry => {
    const head = last.get();
    const detailsJson = canonicalJson(e.details);
    const entry: HashedFields = {
      seq: (head?.seq ?? 0) + 1,
      atUtc: now().toISOString(),
      actor: e.actor,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      // Stored and hashed as the JSON round trip of details, so verify() sees exactly what was hashed.
      details: JSON.parse(detailsJson) as unknown,
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = auditHash(prevHash, entry);
    insert.run({
      seq: entry.seq,
      at_utc: entry.atUtc,
      actor: entry.actor,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      details: entry.details === null ? null : detailsJson,
      prev_hash: prevHash,
      hash,
    });
    return { ...entry, hash };
  });

  return {
    append(e: AuditAppend): AuditEntry {
      try {
        return appendTx.immediate(e);
      } catch (err) {
        throw toStoreError(err, 'Writing the audit log');
      }
    },

    list({ limit = 100, offset = 0 }: { limit?: number; offset?: number }): AuditEntry[] {
      return page.all(Math.max(Math.trunc(limit), 1), Math.max(Math.trunc(offset), 0)).map(toEntry);
    },

    verify(): AuditVerification {
      // One read transaction: appends during verification must not look like a broken chain.
      return db.transaction((): AuditVerification => {
        let prevHash = GENESIS_HASH;
        let expectedSeq = 1;
        let entries = 0;
        let firstBadSeq: number | null = null;
        for (const row of all.iterate()) {
          entries++;
          if (firstBadSeq !== null) continue;
          const entry = toEntry(row);
          const intact =
            row.seq === expectedSeq && row.prev_hash === prevHash && auditHash(prevHash, entry) === row.hash;
          if (!intact) firstBadSeq = row.seq;
          // Chain on the stored hash so one bad entry is reported once, not as a cascade.
          prevHash = row.hash;
          expectedSeq = row.seq + 1;
        }
        return { ok: firstBadSeq === null, entries, firstBadSeq };
      })();
    },
  };
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    atUtc: r.at_utc,
    actor: r.actor,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    details: parseJsonOrNull<unknown>(r.details),
    hash: r.hash,
  };
}
