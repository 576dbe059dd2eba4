/**
 * The engine side of `npm run bench:import`, run as its own process from a bundle under bare `node` (no
 * tsx/esbuild loader thread, no corpus building or baseline buffers in it), so its resident memory is what
 * an import costs the workstation's main process. Its parse worker is pre-bundled beside it, as the
 * Electron build places it, so no esbuild service runs either.
 *
 * The parse workers are started as the desktop app and the browser host start them, at launch
 * (`startImportWorkers`), then import the warm-up set (`warmUpDir`), and the import of the corpus is
 * timed after that; `coldWorkers` leaves their start to the timed import, as a one-shot `qoq import` does.
 *
 * argv[2]: JSON {corpusDir, workers?, coldWorkers?, warmUpDir?}. Prints nothing; sends one EngineResult over IPC and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createWorkstationService } from '../../src-main/services/createWorkstationService';
import { ProcessTreeMemory } from '../processTreeMemory';
import { benchStoreParent } from './storeLocation';

export interface EngineJob {
  corpusDir: string;
  workers?: number;
  /** Start the parse workers inside the timed import instead of ahead of it. */
  coldWorkers?: boolean;
  /** Imported (untimed) after the workers start and before the timed import. */
  warmUpDir?: string;
}

export interface EngineResult {
  seconds: number;
  imported: number;
  skipped: number;
  rejected: number;
  /** Peak resident memory of this process (VmHWM), of it plus its parse workers, of the largest worker. */
  peakMainMb: number;
  peakTreeMb: number;
  peakWorkerMb: number;
  /** Resident memory of this process once the service is open, before the import starts. */
  idleMainMb: number;
  /** CPU seconds of the import: this process (less the memory sampler's own), and its parse workers together. */
  mainCpuSeconds: number;
  /** CPU seconds the memory sampler cost this process (left out of mainCpuSeconds). */
  samplerCpuSeconds: number;
  workerCpuSeconds: number;
  /** Starting the parse workers ahead of the import (0 with coldWorkers): wall seconds, CPU seconds. */
  workersStartSeconds: number;
  warmUpSeconds: number;
  workersStartCpuSeconds: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as EngineJob;
const dataDir = mkdtempSync(path.join(benchStoreParent(), 'qoq-bench-store-'));
const service = createWorkstationService({ dataDir, actor: 'bench', ...(job.workers ? { workers: job.workers } : {}) });
const workersStarted = performance.now();
if (!job.coldWorkers) await service.startImportWorkers();
const workersStartSeconds = job.coldWorkers ? 0 : (performance.now() - workersStarted) / 1000;
const warmUpStarted = performance.now();
if (job.warmUpDir) await service.api.importPaths({ paths: [job.warmUpDir] });
const warmUpSeconds = job.warmUpDir ? (performance.now() - warmUpStarted) / 1000 : 0;
const memory = new ProcessTreeMemory(process.pid);
const idleMainMb = process.memoryUsage().rss / 2 ** 20;
memory.start();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const report = await service.api.importPaths({ paths: [job.corpusDir] });
const seconds = (performance.now() - t0) / 1000;
memory.stop(); // its last sample inside the CPU window, like every other (its cost is subtracted)
const cpu = process.cpuUsage(cpu0);
await service.close();
rmSync(dataDir, { recursive: true, force: true });
const result: EngineResult = {
  seconds,
  imported: report.imported,
  skipped: report.skipped,
  rejected: report.rejected.length,
  peakMainMb: memory.peakMainHwmMb,
  peakTreeMb: memory.peakTreeMb,
  peakWorkerMb: memory.peakChildMb,
  idleMainMb,
  mainCpuSeconds: (cpu.user + cpu.system) / 1e6 - memory.samplerCpuSeconds,
  samplerCpuSeconds: memory.samplerCpuSeconds,
  workerCpuSeconds: memory.childCpuSeconds,
  workersStartSeconds,
  warmUpSeconds,
  workersStartCpuSeconds: memory.childCpuBeforeStartSeconds,
};
process.send?.(result, () => process.exit(0));
