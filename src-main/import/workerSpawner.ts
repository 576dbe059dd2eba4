import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerMessage } from '../parsing/worker/protocol';
import { bundleWorkerEntry } from './bundleWorkerEntry';

/** What the pool needs of a worker process, whichever way it was started. */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type WorkerSpawner = () => WorkerHandle;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The worker bundled by electron-vite next to the main bundle (out/main/parseWorkerMain.js), if present. */
export function builtWorkerEntry(): string | undefined {
  const built = path.join(here, 'parseWorkerMain.js');
  return existsSync(built) ? built : undefined;
}

/**
 * Finds the worker entry: the bundled `parseWorkerMain.js` beside the bundle (Electron build), or, when
 * running from a checkout (CLI, tests), a bundle made from the TypeScript source on first use.
 */
export async function resolveWorkerEntry(): Promise<string> {
  const built = builtWorkerEntry();
  if (built) return built;
  const source = path.resolve(here, '../parsing/worker/parseWorkerMain.ts');
  if (!existsSync(source)) throw new Error(`parse worker entry not found (no built parseWorkerMain.js beside ${here}, no ${source})`);
  return bundleWorkerEntry(source, path.resolve(here, '../..'));
}

/**
 * Starts workers as Node child processes. The V8 heap is capped here; array buffers live outside that
 * heap, which is why the pool also watches resident memory.
 */
export async function nodeWorkerSpawner(opts: { maxOldSpaceMb: number }): Promise<WorkerSpawner> {
  const entry = await resolveWorkerEntry();
  return () => {
    const execArgv = [`--max-old-space-size=${opts.maxOldSpaceMb}`];
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
      onMessage: (l) => child.on('message', (m) => l(m as WorkerMessage)),
      onExit: (l) => child.on('exit', (code, signal) => l(code, signal)),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
