/**
 * A killed import leaves the database consistent: SIGKILL the importing process mid-job (several times,
 * at different points), then check SQLite's integrity and foreign keys, that no study is left without
 * objects, and that importing again completes to exactly the state of an uninterrupted import.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'importChild.ts');
// Many small files: more commit points to kill between, and a fast test.
const SOURCES = [sharedData('mr'), sharedData('dicomdir')];
const tmp = makeTempDir('killed-import');
afterAll(() => tmp.cleanup());

/** Runs the child import; when `killAfter` progress lines were printed, SIGKILLs it. Resolves on exit. */
function runImport(dataDir: string, killAfter?: number): Promise<{ killed: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, ...SOURCES], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      lines.push(...chunk.split('\n').filter(Boolean));
      const progressed = lines.filter((l) => l.startsWith('progress')).length;
      if (killAfter !== undefined && !killed && progressed >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, lines }));
  });
}

function snapshot(dataDir: string) {
  const db = new Database(path.join(dataDir, 'qoq.sqlite'), { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeys: db.pragma('foreign_key_check'),
      emptyStudies: db.prepare('SELECT count(*) AS n FROM studies s WHERE NOT EXISTS (SELECT 1 FROM series r WHERE r.study_ref = s.id)').get() as { n: number },
      emptySeries: db
        .prepare(
          `SELECT count(*) AS n FROM series r WHERE NOT EXISTS (SELECT 1 FROM instances i WHERE i.series_ref = r.id)
             AND NOT EXISTS (SELECT 1 FROM waveforms w WHERE w.series_ref = r.id)
             AND NOT EXISTS (SELECT 1 FROM images m WHERE m.series_ref = r.id)
             AND NOT EXISTS (SELECT 1 FROM volumes v WHERE v.series_ref = r.id)`,
        )
        .get() as { n: number },
      instances: (db.prepare('SELECT sop_instance_uid FROM instances ORDER BY 1').all() as { sop_instance_uid: string }[]).map((r) => r.sop_instance_uid),
      filesRecorded: (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n,
      // Rows are committed only after their worker stored the copy: a committed row whose file is missing,
      // or whose bytes do not hash to the recorded SHA-256, would be an import that lost data.
      filesNotMatching: (db.prepare('SELECT sha256, stored_path FROM files').all() as { sha256: string; stored_path: string }[])
        .filter((f) => !existsSync(f.stored_path) || createHash('sha256').update(readFileSync(f.stored_path)).digest('hex') !== f.sha256)
        .map((f) => f.stored_path),
    };
  } finally {
    db.close();
  }
}

describe('a killed import', () => {
  it('leaves the store consistent and resumable, however often it is killed', async () => {
    const reference = path.join(tmp.dir, 'reference');
    const clean = await runImport(reference);
    expect(clean.lines.at(-1)).toMatch(/^done \d+$/);
    const expected = snapshot(reference);
    expect(expected.instances.length).toBeGreaterThan(60);
    expect(expected.filesRecorded).toBeGreaterThanOrEqual(expected.instances.length);
    expect(expected.filesNotMatching).toEqual([]);

    const victim = path.join(tmp.dir, 'victim');
    for (const killAfter of [3, 29, 71, 113]) {
      const run = await runImport(victim, killAfter);
      const state = snapshot(victim);
      expect(state.integrity).toBe('ok');
      expect(state.foreignKeys).toEqual([]);
      expect(state.emptyStudies.n).toBe(0);
      expect(state.emptySeries.n).toBe(0);
      expect(state.filesNotMatching).toEqual([]);
      if (run.killed) expect(state.instances.length).toBeLessThanOrEqual(expected.instances.length);
    }
    const resumed = await runImport(victim);
    expect(resumed.killed).toBe(false);
    expect(snapshot(victim).instances).toEqual(expected.instances);
  }, 240_000);
});
