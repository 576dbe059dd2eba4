/**
 * The security note's promise: a writer SIGKILLed at random moments never loses an acknowledged write,
 * never leaves half a batch, and never corrupts the database or the audit chain.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/store';
import { KILL_PATH, killBatchFileCount, killSlices } from './fixtures/killBatch';
import { repoRoot } from '../helpers/sharedData';
import { tempDir } from './fixtures/tempStore';

const ROUNDS = 24;
const SEED = 0x5eed_2025;
const WRITER_SOURCE = path.join(repoRoot, 'tests', 'store', 'fixtures', 'killWriter.ts');

/**
 * Bundles the writer to one plain .cjs file with esbuild (the copy tsx ships with), because booting
 * `node --import tsx` costs ~1 s per round on a busy 2-core box and the test spawns 24 writers.
 * better-sqlite3 stays external and is found through NODE_PATH.
 */
async function bundleWriter(outDir: string): Promise<string> {
  const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = requireFromTsx('esbuild') as typeof import('esbuild');
  const outfile = path.join(outDir, 'killWriter.cjs');
  await esbuild.build({
    entryPoints: [WRITER_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** mulberry32: a tiny seeded PRNG so a failing kill schedule can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Acks {
  batches: { round: number; batch: number; files: number }[];
  audit: { seq: number; hash: string }[];
}

/** Starts the writer, kills it `delayMs` after it reported READY, and collects what it acknowledged. */
function runAndKill(writer: string, dataDir: string, round: number, delayMs: number): Promise<Acks> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, String(round)], {
      cwd: repoRoot,
      env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Acks = { batches: [], audit: [] };
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [tag, a, b, c] = line.split(' ');
        if (tag === 'READY') setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (tag === 'INGEST') acks.batches.push({ round: Number(a), batch: Number(b), files: Number(c) });
        else if (tag === 'AUDIT') acks.audit.push({ seq: Number(a), hash: b! });
      }
    });
    child.on('error', reject);
    // 'close' (not 'exit'): every byte the child wrote to stdout has been read by then.
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`writer exited on its own (code ${code}, signal ${signal}):\n${stderr}`));
    });
  });
}

/** Files per batch as found in the database, keyed "round/batch". */
function batchesOnDisk(dbPath: string): Map<string, number> {
  const raw = new Database(dbPath, { readonly: true });
  try {
    const counts = new Map<string, number>();
    for (const p of raw.prepare('SELECT original_path FROM files').pluck().all() as string[]) {
      const m = KILL_PATH.exec(p);
      if (!m) throw new Error(`unexpected file ${p}`);
      const key = `${m[1]}/${m[2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  } finally {
    raw.close();
  }
}

describe('kill test', () => {
  let writer: string;
  beforeAll(async () => {
    writer = await bundleWriter(tempDir());
  });

  it(`keeps every acknowledged write across ${ROUNDS} SIGKILLs at random moments`, async () => {
    const dataDir = tempDir();
    const random = mulberry32(SEED);
    const acked: Acks = { batches: [], audit: [] };
    let killsMidWrite = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const delayMs = Math.floor(random() * 200);
      const acks = await runAndKill(writer, dataDir, round, delayMs);
      acked.batches.push(...acks.batches);
      acked.audit.push(...acks.audit);
      if (acks.batches.length > 0) killsMidWrite++;

      const store = openStore(dataDir);
      try {
        const context = `round ${round} (kill ${delayMs} ms after READY)`;
        expect(store.integrityCheck(), context).toBe('ok');
        expect(store.foreignKeyCheck(), context).toEqual([]);
        expect(store.audit.verify(), context).toMatchObject({ ok: true, firstBadSeq: null });

        const onDisk = batchesOnDisk(store.dbPath);
        for (const { round: r, batch, files } of acked.batches) {
          expect(onDisk.get(`${r}/${batch}`), `acknowledged batch ${r}/${batch}, ${context}`).toBe(files);
        }
        // No half batch: whatever is there (acknowledged or committed just before the kill) is whole.
        for (const [key, count] of onDisk) {
          expect(count, `batch ${key} is whole, ${context}`).toBe(killBatchFileCount(Number(key.split('/')[1])));
        }
        const audit = new Map(store.audit.list({ limit: 100_000 }).map((e) => [e.seq, e]));
        for (const { seq, hash } of acked.audit) expect(audit.get(seq)?.hash, `audit seq ${seq}, ${context}`).toBe(hash);
        // An audit entry is only written after its batch committed.
        for (const e of audit.values()) expect(onDisk.has(e.objectId), `audit ${e.objectId}`).toBe(true);

        const last = acks.batches.at(-1);
        if (last) {
          const { studies } = store.listStudies({ text: `-R${last.round}-B${last.batch}-END` });
          expect(studies).toHaveLength(1);
          expect(studies[0]!.objectCount).toBe(killSlices(last.batch));
        }
      } finally {
        store.close();
      }
    }
    // The schedule must actually interrupt writers, not only kill them before their first commit.
    expect(killsMidWrite).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(acked.batches.length).toBeGreaterThan(ROUNDS);
  }, 60_000);
});
