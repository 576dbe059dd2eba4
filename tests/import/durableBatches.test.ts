/**
 * An import makes each batch's stored files durable before the batch's rows are written: a committed row
 * must never name an object that a power cut could leave empty. Proven with real worker processes and
 * real files (a CT series and a WFDB record with its signal file), observing the sync and the commits in
 * order; and a batch whose files cannot be flushed is rejected with the reason while the others import.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseWorkerPool } from '../../src-main/import/parseWorkerPool';
import { runImport, type ImportSink } from '../../src-main/import/runImport';
import { syncStoredFiles } from '../../src-main/import/syncStoredFiles';
import { nodeWorkerSpawner } from '../../src-main/import/workerSpawner';
import { DEFAULT_LIMITS } from '../../src-main/parsing/types';
import { createPrefixFolders } from '../../src-main/parsing/worker/objectStore';
import { PARSE_WORKER_V8 } from '../../src-main/services/createWorkstationService';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A sink that records what it was given, and which files had been synced by then. */
function recordingSink(synced: Set<string>) {
  const committed: { path: string; syncedBefore: boolean }[][] = [];
  const stored = new Set<string>();
  const sink: ImportSink = {
    hasFile: (sha) => stored.has(sha),
    ingest(items) {
      committed.push(items.flatMap((i) => [i.file, ...i.companions].map((f) => ({ path: f.storedPath, syncedBefore: synced.has(f.storedPath) }))));
      for (const i of items) stored.add(i.file.sha256);
      return { inserted: items.length, duplicates: 0, studyIds: [], warnings: [], outcomes: items.map(() => ({ stored: 'new' as const })) };
    },
  };
  return { sink, committed };
}

/** Imports `paths` in batches of two with real workers into a fresh object store, flushing with `syncFiles`. */
async function importInBatchesOfTwo(paths: string[], sink: ImportSink, syncFiles: (files: readonly string[]) => Promise<void>) {
  const temp = makeTempDir('durable');
  const objectsDir = path.join(temp.dir, 'objects');
  createPrefixFolders(objectsDir);
  const pool = new ParseWorkerPool({ size: 2, spawn: await nodeWorkerSpawner(PARSE_WORKER_V8), memoryCapBytes: 2 ** 31, timeoutMs: () => 60_000 });
  cleanups.push(temp.cleanup, () => pool.close());
  const report = await runImport({ paths, sink, pool, objectsDir, stagingRoot: path.join(temp.dir, 'staging'), limits: DEFAULT_LIMITS, batchSize: 2, syncFiles });
  return { report, objectsDir };
}

const series = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
const seriesFiles = readdirSync(series).slice(0, 5).map((f) => path.join(series, f));

describe('runImport: durable objects before rows', () => {
  it('syncs every stored file of a batch, companions included, before the batch is committed', { timeout: 60_000 }, async () => {
    const synced = new Set<string>();
    const { sink, committed } = recordingSink(synced);
    const { report, objectsDir } = await importInBatchesOfTwo([...seriesFiles, sharedData('ecg', 'wfdb', '100.hea')], sink, async (files) => {
      await syncStoredFiles(files); // the real flush, on real files
      for (const f of files) synced.add(f);
    });
    expect(report.imported).toBe(6);
    expect(report.rejected).toEqual([]);
    expect(committed).toHaveLength(3); // batches of two
    const rows = committed.flat();
    expect(rows.every((r) => r.syncedBefore)).toBe(true);
    // The WFDB record's signal file (its companion) is in the object store and was synced with it.
    expect(rows.some((r) => r.path.endsWith(`${path.sep}100.dat`))).toBe(true);
    for (const r of rows) expect(r.path.startsWith(objectsDir)).toBe(true);
  });

  it('rejects the files of a batch that cannot be flushed, with the reason, and imports the rest', { timeout: 60_000 }, async () => {
    const { sink, committed } = recordingSink(new Set());
    let calls = 0;
    const { report } = await importInBatchesOfTwo(seriesFiles.slice(0, 4), sink, async () => {
      if (calls++ === 0) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    expect(report.imported).toBe(2);
    expect(committed).toHaveLength(1);
    expect(report.rejected).toHaveLength(2);
    for (const r of report.rejected) expect(r.reason).toBe('not stored: its copy could not be written to disk durably (EIO: i/o error, fsync)');
  });
});

describe('syncStoredFiles', () => {
  it('flushes existing files and their folders, and fails on a file that is not there', async () => {
    const temp = makeTempDir('sync');
    cleanups.push(temp.cleanup);
    const files = ['a.dcm', 'b.dcm'].map((n) => path.join(temp.dir, n));
    for (const f of files) writeFileSync(f, 'bytes');
    await expect(syncStoredFiles(files)).resolves.toBeUndefined();
    await expect(syncStoredFiles([...files, path.join(temp.dir, 'gone.dcm')])).rejects.toThrow(/ENOENT/);
    await expect(syncStoredFiles([])).resolves.toBeUndefined();
  });
});
