import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerMessage } from '../parsing/worker/protocol';
import { bundleWorkerEntry } from './bundleWorkerEntry';

/** What a pool or manager needs of a worker process, whichever way it was started. */
export interface WorkerHandle<M = WorkerMessage> {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: M) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type WorkerSpawner<M = WorkerMessage> = () => WorkerHandle<M>;

/**
 * The separate processes the back end starts, and where each one's source lives. electron.vite.config.ts
 * builds each as out/main/<name>.js (tests/electron/workerBundles.test.ts keeps the two lists together).
 */
export const WORKER_ENTRIES = {
  parseWorkerMain: '../parsing/worker/parseWorkerMain.ts',
  inferenceWorkerMain: '../inference/inferenceWorkerMain.ts',
  exportWorkerMain: '../export/exportWorkerMain.ts',
  trainWorkerMain: '../training/trainWorkerMain.ts',
} as const;
export type WorkerEntryName = keyof typeof WORKER_ENTRIES;

const here = path.dirname(fileURLToPath(import.meta.url));

/** An entry bundled by electron-vite next to the main bundle (out/main/<name>.js), if present. */
export function builtWorkerEntry(name: WorkerEntryName = 'parseWorkerMain'): string | undefined {
  const built = path.join(here, `${name}.js`);
  return existsSync(built) ? built : undefined;
}

/**
 * Finds a worker entry: the bundled `<name>.js` beside the bundle (Electron build), or, when running from
 * a checkout (CLI, tests), a bundle made from the TypeScript source on first use.
 */
export async function resolveWorkerEntry(name: WorkerEntryName = 'parseWorkerMain'): Promise<string> {
  const built = builtWorkerEntry(name);
  if (built) return built;
  const source = path.resolve(here, WORKER_ENTRIES[name]);
  if (!existsSync(source)) throw new Error(`${name} entry not found (no built ${name}.js beside ${here}, no ${source})`);
  return bundleWorkerEntry(source, path.resolve(here, '../..'));
}

/**
 * Starts workers as Node child processes. The V8 heap is capped here; array buffers live outside that
 * heap, which is why the pool also watches resident memory.
 */
export async function nodeWorkerSpawner<M = WorkerMessage>(opts: {
  maxOldSpaceMb: number;
  /**
   * Young-generation semi-space cap. Parse workers allocate a file-sized buffer or two per file (frames,
   * decoded values) and keep nothing; a small young generation collects those promptly instead of letting
   * ~20–35 MB of dead buffers pile up between collections (measured: peak RSS 95 → 78 MB per worker on a
   * CT/MR import, no measurable time cost). Left at V8's default when absent.
   */
  maxSemiSpaceMb?: number;
  entry?: WorkerEntryName;
}): Promise<WorkerSpawner<M>> {
  const entry = await resolveWorkerEntry(opts.entry);
  return () => {
    const execArgv = [`--max-old-space-size=${opts.maxOldSpaceMb}`];
    if (opts.maxSemiSpaceMb !== undefined) execArgv.push(`--max-semi-space-size=${opts.maxSemiSpaceMb}`);
    const child = fork(entry, [], {
      execArgv,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    // Codec libraries sometimes print to stderr; keep it out of the user's terminal but drain it.
    child.stderr?.resume();
    return {
      pid: child.pid,
      send: (m) => {
        if (child.connected) child.send(m as object);
      },
      onMessage: (l) => child.on('message', (m) => l(m as M)),
      onExit: (l) => child.on('exit', (code, signal) => l(code, signal)),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
