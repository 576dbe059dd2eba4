/**
 * The engine side of `npm run bench:import`, run as its own process from a bundle under bare `node` (no
 * tsx/esbuild loader thread, no corpus building or baseline buffers in it), so its resident memory is what
 * an import costs the workstation's main process. Its parse worker is pre-bundled beside it, as the
 * Electron build places it, so no esbuild service runs either.
 *
 * argv[2]: JSON {corpusDir, workers?}. Prints nothing; sends one EngineResult over IPC and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkstationService } from '../../src-main/services/createWorkstationService';
import { ProcessTreeMemory } from '../processTreeMemory';

export interface EngineJob {
  corpusDir: string;
  workers?: number;
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
}

const job = JSON.parse(process.argv[2] ?? '{}') as EngineJob;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qoq-bench-store-'));
const service = createWorkstationService({ dataDir, actor: 'bench', ...(job.workers ? { workers: job.workers } : {}) });
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
};
process.send?.(result, () => process.exit(0));
