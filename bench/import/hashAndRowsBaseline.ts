/**
 * The second ceiling of `npm run bench:import`: what any correct importer must do per file, done as
 * minimally as possible in one process — read the bytes, parse the data set with bare dicom-parser, hash
 * every byte with SHA-256, and insert one row per file with better-sqlite3, one transaction per batch
 * (the engine's batch size), on a connection with the store's own settings (WAL, synchronous=FULL,
 * via openDatabase). No sandbox, no pixel check, no copy into a managed store, no audit entry: those are
 * what the engine adds on top, and the ratio to this ceiling says what they cost.
 *
 * With `copy` (baseline 3, for information; the goal is stated against baseline 2) it also writes each
 * file's bytes into a content-addressed folder the way the object store does (`<sha[0:2]>/<sha>`, a
 * temporary name renamed into place, the 256 prefix folders made first): the least a copying importer
 * must do, so the engine's ratio to it is what the sandbox, the pixel check and the bookkeeping cost.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { openDatabase } from '../../src-main/store/openDatabase';
import { benchStoreParent } from './storeLocation';

/** Objects per transaction: the engine's default batch (runImport's batchSize). */
const BATCH = 64;

const SCHEMA = `CREATE TABLE instances (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  sop_instance_uid TEXT,
  series_instance_uid TEXT,
  study_instance_uid TEXT,
  sop_class_uid TEXT,
  transfer_syntax_uid TEXT,
  rows INTEGER,
  columns INTEGER
) STRICT`;

/** Wall and CPU seconds (user + system) of reading, parsing, hashing and storing rows for `files`. */
export function hashAndRowsBaseline(files: string[], opts: { copy?: boolean } = {}): { seconds: number; cpuSeconds: number } {
  const dir = mkdtempSync(path.join(benchStoreParent(), 'qoq-bench-ceiling-'));
  const db = openDatabase(path.join(dir, 'ceiling.sqlite'), false);
  const objects = path.join(dir, 'objects');
  try {
    db.exec(SCHEMA);
    if (opts.copy) for (let i = 0; i < 256; i++) mkdirSync(path.join(objects, i.toString(16).padStart(2, '0')), { recursive: true });
    const insert = db.prepare(
      `INSERT INTO instances (sha256, path, size, sop_instance_uid, series_instance_uid, study_instance_uid,
         sop_class_uid, transfer_syntax_uid, rows, columns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING`,
    );
    type Row = Parameters<typeof insert.run>;
    const commit = db.transaction((rows: Row[]) => {
      for (const r of rows) insert.run(...r);
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let pending: Row[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      const ds = dicomParser.parseDicom(bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (opts.copy) {
        const target = path.join(objects, sha256.slice(0, 2), sha256);
        writeFileSync(`${target}.tmp`, bytes);
        renameSync(`${target}.tmp`, target);
      }
      pending.push([
        sha256, opts.copy ? path.join(objects, sha256.slice(0, 2), sha256) : f, bytes.length,
        ds.string('x00080018') ?? null, ds.string('x0020000e') ?? null, ds.string('x0020000d') ?? null,
        ds.string('x00080016') ?? null, ds.string('x00020010') ?? null,
        ds.uint16('x00280010') ?? null, ds.uint16('x00280011') ?? null,
      ]);
      if (pending.length === BATCH) {
        commit(pending);
        pending = [];
      }
    }
    if (pending.length > 0) commit(pending);
    const cpu = process.cpuUsage(cpu0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
