/**
 * npm run bench:import — import throughput and peak memory next to a baseline measured in the same run.
 *
 * Corpus: every file of ../shared/data/ct and ../shared/data/mr, replicated until there are ≥ 500 files.
 * Each replica gets a new SOP Instance UID (same length, written in place) so it is a distinct object
 * with a distinct hash, as a real 500-file import would be.
 * Baseline (the ceiling for a JS importer): in one process, read each file and parse its data set with
 * bare dicom-parser. The engine does much more per file (sandboxed worker, SHA-256, pixel decode check,
 * copy into the object store, SQLite writes), so the ratio says what all of that costs.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { createWorkstationService } from '../src-main/services/createWorkstationService';
import { sharedDataDir } from '../tests/helpers/sharedData';
import { ProcessTreeMemory } from './processTreeMemory';

const MIN_FILES = Number(process.env.BENCH_FILES ?? 500);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/**
 * Gives a replica a new SOP Instance UID of the same byte length, written in place: `2.25.` followed by
 * digits derived from (original UID, replica), so replicas never collide with each other or originals.
 */
function withNewSopUid(bytes: Buffer, replica: number): Buffer {
  const copy = Buffer.from(bytes);
  const ds = dicomParser.parseDicom(copy, { untilTag: 'x00080019' });
  const el = ds.elements.x00080018;
  if (!el) return copy;
  const uid = copy.toString('latin1', el.dataOffset, el.dataOffset + el.length).replace(/\0/g, '');
  const digest = createHash('sha256').update(`${uid}#${replica}`).digest();
  let digits = BigInt(`0x${digest.toString('hex')}`).toString(10).replace(/^0+/, '');
  while (digits.length < uid.length) digits += digits;
  copy.write(`2.25.${digits}`.slice(0, uid.length), el.dataOffset, 'latin1');
  return copy;
}

function buildCorpus(): { dir: string; files: string[]; bytes: number } {
  const sources = [...listFiles(path.join(sharedDataDir, 'ct')), ...listFiles(path.join(sharedDataDir, 'mr'))].sort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qoq-bench-corpus-'));
  const files: string[] = [];
  let bytes = 0;
  for (let replica = 0; files.length < MIN_FILES; replica++) {
    for (const src of sources) {
      const target = path.join(dir, `r${replica}`, path.relative(sharedDataDir, src));
      const data = replica === 0 ? readFileSync(src) : withNewSopUid(readFileSync(src), replica);
      cpSync(src, target); // creates folders
      writeFileSync(target, data);
      files.push(target);
      bytes += data.length;
    }
  }
  return { dir, files, bytes };
}

function baseline(files: string[]): number {
  const t0 = performance.now();
  for (const f of files) dicomParser.parseDicom(readFileSync(f));
  return (performance.now() - t0) / 1000;
}

async function engine(corpusDir: string): Promise<{ seconds: number; imported: number; rejected: number; peakMainMb: number; peakTreeMb: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qoq-bench-store-'));
  const service = createWorkstationService({ dataDir, actor: 'bench' });
  const memory = new ProcessTreeMemory(process.pid);
  memory.start();
  const t0 = performance.now();
  const report = await service.api.importPaths({ paths: [corpusDir] });
  const seconds = (performance.now() - t0) / 1000;
  memory.stop();
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { seconds, imported: report.imported, rejected: report.rejected.length, peakMainMb: memory.peakMainMb, peakTreeMb: memory.peakTreeMb };
}

const corpus = buildCorpus();
const mb = corpus.bytes / 2 ** 20;
console.log(`corpus: ${corpus.files.length} files, ${mb.toFixed(1)} MB (data/ct + data/mr replicated), ${os.availableParallelism()} cores`);
baseline(corpus.files.slice(0, 20)); // warm the page cache and the JIT
const baseSeconds = baseline(corpus.files);
const run = await engine(corpus.dir);
rmSync(corpus.dir, { recursive: true, force: true });

const row = (name: string, s: number) => `${name.padEnd(34)} ${(corpus.files.length / s).toFixed(1).padStart(8)} files/s ${(mb / s).toFixed(1).padStart(8)} MB/s ${s.toFixed(2).padStart(7)} s`;
console.log(row('baseline: bare dicom-parser', baseSeconds));
console.log(row('engine: qoq import (full pipeline)', run.seconds));
console.log(`engine imported ${run.imported}, rejected ${run.rejected}`);
console.log(`peak RSS: main process ${run.peakMainMb.toFixed(0)} MB, main + parse workers ${run.peakTreeMb.toFixed(0)} MB`);
console.log(`ratio engine/baseline throughput: ${(baseSeconds / run.seconds).toFixed(2)}× (goal ≥ 0.5×)`);
