/**
 * The import's parse workers are kept between imports and closed after an idle time: proven with a fake
 * pool for the keeper's rules, and end to end with real worker processes, counting the processes the
 * service starts over several imports.
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportPoolKeeper } from '../../src-main/import/importPoolKeeper';
import type { ParseWorkerPool } from '../../src-main/import/parseWorkerPool';
import { nodeWorkerSpawner, type WorkerSpawner } from '../../src-main/import/workerSpawner';
import { createWorkstationService, PARSE_WORKER_V8 } from '../../src-main/services/createWorkstationService';
import { sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

interface FakePool {
  id: number;
  closed: boolean;
}

function fakeKeeper(idleMs: number, failFirst = false) {
  const made: FakePool[] = [];
  const keeper = new ImportPoolKeeper(async () => {
    if (failFirst && made.length === 0) {
      made.push({ id: 0, closed: true });
      throw new Error('worker bundle missing');
    }
    const pool = { id: made.length, closed: false };
    made.push(pool);
    return {
      whenReady: async () => undefined,
      close: async () => {
        pool.closed = true;
      },
    } as unknown as ParseWorkerPool; // the keeper uses only whenReady and close
  }, idleMs);
  return { keeper, made };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ImportPoolKeeper', () => {
  it('gives consecutive and concurrent imports the same pool', async () => {
    const { keeper, made } = fakeKeeper(10_000);
    const seen: unknown[] = [];
    await keeper.use(async (pool) => seen.push(pool));
    await Promise.all([keeper.use(async (pool) => seen.push(pool)), keeper.use(async (pool) => seen.push(pool))]);
    expect(made).toHaveLength(1);
    expect(new Set(seen).size).toBe(1);
    await keeper.close();
    expect(made[0]!.closed).toBe(true);
  });

  it('closes the pool after the idle time, never during an import, and starts a new one for the next import', async () => {
    const { keeper, made } = fakeKeeper(30);
    await keeper.use(async () => sleep(120)); // four idle periods long: no idle close while it runs
    expect(made[0]!.closed).toBe(false);
    await sleep(80);
    expect(made[0]!.closed).toBe(true);
    expect(keeper.running).toBe(false);
    await keeper.use(async () => undefined);
    expect(made).toHaveLength(2);
    expect(made[1]!.closed).toBe(false);
    await keeper.close();
  });

  it('prestart starts the pool ahead of the first import, which then uses it', async () => {
    const { keeper, made } = fakeKeeper(10_000);
    await keeper.prestart();
    expect(made).toHaveLength(1);
    await keeper.use(async () => undefined);
    expect(made).toHaveLength(1);
    await keeper.close();
  });

  it('a pool that fails to start fails that import only; the next import tries again', async () => {
    const { keeper, made } = fakeKeeper(10_000, true);
    await expect(keeper.use(async () => 'done')).rejects.toThrow('worker bundle missing');
    await expect(keeper.use(async () => 'done')).resolves.toBe('done');
    expect(made).toHaveLength(2);
    await keeper.close();
    await expect(keeper.use(async () => 'late')).rejects.toThrow('the workstation service is closed');
  });
});

describe('the workstation service keeps its parse workers between imports', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  async function countingService(idleMs: number) {
    const temp = makeTempDir('pool-keeper');
    cleanup = temp.cleanup;
    const spawn = await nodeWorkerSpawner(PARSE_WORKER_V8);
    const pids: number[] = [];
    const spawnWorker: WorkerSpawner = () => {
      const handle = spawn();
      if (handle.pid !== undefined) pids.push(handle.pid);
      return handle;
    };
    const service = createWorkstationService({ dataDir: temp.dir, actor: 'test', workers: 2, spawnWorker, importWorkersIdleMs: idleMs });
    return { service, pids };
  }

  it('starts two workers for three imports, and two more after the idle time', { timeout: 60_000 }, async () => {
    const { service, pids } = await countingService(400);
    try {
      const files = readdirSync(sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm')).slice(0, 3);
      for (const name of files) {
        const report = await service.api.importPaths({ paths: [sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm', name)] });
        expect(report.imported).toBe(1);
      }
      expect(pids).toHaveLength(2);
      await sleep(1_000); // past the idle time: the workers were closed
      const again = await service.api.importPaths({ paths: [sharedData('ct', 'CT_small.dcm')] });
      expect(again.imported).toBe(1);
      expect(pids).toHaveLength(4);
      expect(new Set(pids).size).toBe(4);
    } finally {
      await service.close();
    }
  });

  it('startImportWorkers has them ready before the first import, which starts no others', { timeout: 60_000 }, async () => {
    const { service, pids } = await countingService(60_000);
    try {
      await service.startImportWorkers();
      expect(pids).toHaveLength(2);
      const report = await service.api.importPaths({ paths: [sharedData('mr', 'MR_small.dcm')] });
      expect(report.imported).toBe(1);
      expect(pids).toHaveLength(2);
    } finally {
      await service.close();
    }
  });
});
