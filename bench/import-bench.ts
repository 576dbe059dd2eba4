/**
 * npm run bench:import — import throughput and peak memory next to a baseline measured in the same run.
 *
 * Corpus: every file of ../shared/data/ct and ../shared/data/mr, replicated until there are ≥ 500 files.
 * Each replica gets a new SOP Instance UID (same length, written in place) so it is a distinct object
 * with a distinct hash, as a real 500-file import would be.
 * Three baselines, measured in the same run: (1) bare parse — in one process, read each file and parse its
 * data set with bare dicom-parser (the ceiling for a JS header reader); (2) bare parse + SHA-256 + SQLite
 * rows (bench/import/hashAndRowsBaseline.ts) — the work any correct importer must do, hashing and DB
 * writes included, as the goal reads; (3) baseline 2 plus a copy of every file into a
 * content-addressed folder, for information: the least a copying importer does. The engine does more per
 * file (sandboxed worker, pixel check, copy into the object store, audit entry), so each ratio says what
 * the rest costs. Two more lines put the ratios in context: what creating a file costs on this machine
 * (bench/import/fileCreationCost.ts), and the bound no importer can beat here — baseline 2's (3's) CPU
 * spread over every core with nothing else to do.
 * The engine runs in its own bundled child process (bench/import/engineChild.ts), so its peak RSS is the
 * import's alone. Before anything is timed, the baselines and the engine process the same warm-up set
 * (one more replica of every source file, UIDs of their own): page cache and JIT warm on both sides, so
 * the ratio compares steady throughput. The engine's parse workers are started ahead, as the app and the
 * browser host start them at launch; BENCH_COLD_WORKERS=1 times a fresh start instead (no warm-up, workers
 * started by the import, as a one-shot `qoq import` does). Env: BENCH_FILES (corpus size), BENCH_RUNS,
 * BENCH_WORKERS (parse workers; default one per core, at most 4), QOQ_PIXEL_VERIFICATION.
 */
import { fork } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { build } from 'esbuild';
import { repoRoot, sharedDataDir } from '../tests/helpers/sharedData';
import { hashAndRowsBaseline } from './import/hashAndRowsBaseline';
import { measureFileCreationCost } from './import/fileCreationCost';
import { benchStoreParent } from './import/storeLocation';
import type { EngineJob, EngineResult } from './import/engineChild';
import { benchCacheDir, NODE_BUNDLE } from './bundleForNode';

const MIN_FILES = Number(process.env.BENCH_FILES ?? 500);
/** Engine runs, each in a fresh process after its own baseline run (BENCH_RUNS, default 1). */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));

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

/** Replica number of the warm-up set: its UIDs differ from every replica of the measured corpus. */
const WARM_UP_REPLICA = 1_000_000;

/**
 * The measured corpus (`minFiles` or more), or with `warmUp` one more replica of every source file, which
 * warms the page cache and the JIT of the baselines and of the engine alike before anything is timed.
 */
function buildCorpus(minFiles: number, warmUp = false): { dir: string; files: string[]; bytes: number } {
  const sources = [...listFiles(path.join(sharedDataDir, 'ct')), ...listFiles(path.join(sharedDataDir, 'mr'))].sort();
  const dir = mkdtempSync(path.join(os.tmpdir(), warmUp ? 'qoq-bench-warmup-' : 'qoq-bench-corpus-'));
  const files: string[] = [];
  let bytes = 0;
  for (let replica = warmUp ? WARM_UP_REPLICA : 0; files.length < minFiles; replica++) {
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

/** Wall seconds, and CPU seconds (user + system) of the same loop. */
function baseline(files: string[]): { seconds: number; cpuSeconds: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of files) dicomParser.parseDicom(readFileSync(f));
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Bundles the engine child and the parse worker (beside it, where the Electron build puts it) so the
 * measured processes run plain `node`: no tsx loader thread, no esbuild service in the process tree.
 */
async function bundleEngine(): Promise<string> {
  const outDir = benchCacheDir('qoq-bench-import');
  // Two single-file builds: the parse worker must be .js beside the engine (the name the spawner looks for).
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(repoRoot, 'bench', 'import', 'engineChild.ts')], outfile: path.join(outDir, 'engineChild.mjs') });
  await build({ ...NODE_BUNDLE, entryPoints: [path.join(repoRoot, 'src-main', 'parsing', 'worker', 'parseWorkerMain.ts')], outfile: path.join(outDir, 'parseWorkerMain.js') });
  return path.join(outDir, 'engineChild.mjs');
}

function engine(script: string, job: EngineJob): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(job)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as EngineResult));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`engine child exited with ${code}`))));
  });
}

const corpus = buildCorpus(MIN_FILES);
const warmUp = buildCorpus(1, true);
const mb = corpus.bytes / 2 ** 20;
const script = await bundleEngine();
const workers = process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined;
const coldWorkers = process.env.BENCH_COLD_WORKERS === '1';
const verification = process.env.QOQ_PIXEL_VERIFICATION || 'first-frame (default)';
console.log(`corpus: ${corpus.files.length} files, ${mb.toFixed(1)} MB (data/ct + data/mr replicated), ${os.availableParallelism()} cores`);
console.log(
  `engine: ${workers ?? 'default'} parse workers, ${coldWorkers ? 'started by the timed import (BENCH_COLD_WORKERS=1)' : 'started and warmed up before the timed import'}, ` +
    `pixel verification ${verification}, ${RUNS} run(s)`,
);
baseline(warmUp.files); // warm the page cache and the JIT (the engine imports the same set first)
hashAndRowsBaseline(warmUp.files);
hashAndRowsBaseline(warmUp.files, { copy: true });
const creation = measureFileCreationCost(benchStoreParent());
console.log(
  `this machine, where the stores live: creating an empty file costs ${creation.createEmptyMs.toFixed(3)} ms CPU, ` +
    `creating one of 256 KB ${creation.createAndWriteMs.toFixed(3)} ms, appending 256 KB to an open file ${creation.appendMs.toFixed(3)} ms`,
);
type Timing = { seconds: number; cpuSeconds: number };
const rows: { base: Timing; ceiling: Timing; copying: Timing; run: EngineResult }[] = [];
for (let i = 0; i < RUNS; i++) {
  // Baselines and engine alternate so that load from other jobs on a shared machine hits all alike.
  const base = baseline(corpus.files);
  const ceiling = hashAndRowsBaseline(corpus.files);
  const copying = hashAndRowsBaseline(corpus.files, { copy: true });
  rows.push({ base, ceiling, copying, run: await engine(script, { corpusDir: corpus.dir, ...(coldWorkers ? { coldWorkers } : { warmUpDir: warmUp.dir }), ...(workers ? { workers } : {}) }) });
}
rmSync(corpus.dir, { recursive: true, force: true });
rmSync(warmUp.dir, { recursive: true, force: true });

const row = (name: string, s: number) => `${name.padEnd(40)} ${(corpus.files.length / s).toFixed(1).padStart(8)} files/s ${(mb / s).toFixed(1).padStart(8)} MB/s ${s.toFixed(2).padStart(7)} s`;
const cores = os.availableParallelism();
/** Wall ratio, CPU-seconds ratio, and the CPU ratio with the engine's CPU spread over every core. */
const ratios = (label: string, b: Timing, run: EngineResult): string => {
  const engineCpu = run.mainCpuSeconds + run.workerCpuSeconds;
  // Load-independent view: CPU seconds do not grow when other jobs share the machine, wall seconds do.
  // The baselines are one process; the engine can spread its CPU over the cores, hence the projection.
  const cpuRatio = b.cpuSeconds / engineCpu;
  return (
    `ratio to ${label}: ${(b.seconds / run.seconds).toFixed(2)}× by wall time (goal ≥ 0.5×); by CPU seconds ` +
    `${cpuRatio.toFixed(2)}×, ${(cpuRatio * cores).toFixed(2)}× at best with the engine's CPU spread over ${cores} idle cores`
  );
};
for (const [i, { base, ceiling, copying, run }] of rows.entries()) {
  if (RUNS > 1) console.log(`run ${i + 1}`);
  console.log(`${row('baseline 1: bare dicom-parser', base.seconds)}   CPU ${base.cpuSeconds.toFixed(2)} s`);
  console.log(`${row('baseline 2: parse + SHA-256 + SQLite rows', ceiling.seconds)}   CPU ${ceiling.cpuSeconds.toFixed(2)} s`);
  console.log(`${row('baseline 3: baseline 2 + copy to objects/', copying.seconds)}   CPU ${copying.cpuSeconds.toFixed(2)} s (for information)`);
  const engineCpu = run.mainCpuSeconds + run.workerCpuSeconds;
  console.log(
    `${row('engine: qoq import (full pipeline)', run.seconds)}   CPU ${engineCpu.toFixed(2)} s ` +
      `(main ${run.mainCpuSeconds.toFixed(2)} s, parse workers ${run.workerCpuSeconds.toFixed(2)} s; ` +
      `the bench's memory sampler took ${run.samplerCpuSeconds.toFixed(2)} s more, not counted)`,
  );
  console.log(`engine imported ${run.imported}, skipped ${run.skipped} (identical replicas), rejected ${run.rejected}`);
  if (!coldWorkers) {
    console.log(
      `before the timed import, not counted above: parse workers started in ${run.workersStartSeconds.toFixed(2)} s, then ` +
        `imported the ${warmUp.files.length}-file warm-up set in ${run.warmUpSeconds.toFixed(2)} s (worker CPU of both ${run.workersStartCpuSeconds.toFixed(2)} s; ` +
        `BENCH_COLD_WORKERS=1 times a fresh start instead)`,
    );
  }
  console.log(
    `peak RSS: main process ${run.peakMainMb.toFixed(0)} MB (${run.idleMainMb.toFixed(0)} MB before the import), ` +
      `largest parse worker ${run.peakWorkerMb.toFixed(0)} MB, main + parse workers ${run.peakTreeMb.toFixed(0)} MB (goal < 300 MB)`,
  );
  console.log(ratios('baseline 1 (bare parse)', base, run));
  console.log(ratios('baseline 2 (parse + SHA-256 + rows)', ceiling, run));
  console.log(ratios('baseline 3 (baseline 2 + copy)', copying, run).replace(' (goal ≥ 0.5×)', ''));
  // What no implementation can beat: baseline 2's (3's) work alone, split over every core with no cost
  // for splitting it, no sandbox, no pixel check and no other job on the machine.
  const bound = (b: Timing) => ((cores * base.cpuSeconds) / b.cpuSeconds).toFixed(2);
  console.log(
    `bound for any importer, by CPU: baseline 2's work spread perfectly over ${cores} idle cores reaches ${bound(ceiling)}× ` +
      `baseline 1; with the copy (baseline 3's work) ${bound(copying)}×`,
  );
}
if (RUNS > 1) {
  const summary = (label: string, pick: (r: (typeof rows)[number]) => Timing) => {
    const r = rows.map((x) => pick(x).seconds / x.run.seconds).sort((a, b) => a - b);
    console.log(`median ratio to ${label} over ${RUNS} runs: ${r[Math.floor(RUNS / 2)]!.toFixed(2)}× (range ${r[0]!.toFixed(2)}–${r.at(-1)!.toFixed(2)})`);
  };
  summary('baseline 1', (x) => x.base);
  summary('baseline 2', (x) => x.ceiling);
  summary('baseline 3', (x) => x.copying);
}
console.log(`load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(2)}`);
