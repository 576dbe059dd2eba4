import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerMessage } from '../parsing/worker/protocol';

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

/**
 * Finds the worker entry: the bundled `parseWorkerMain.js` beside the bundle (Electron build), or the
 * TypeScript source when running from a checkout (CLI, tests), which then runs through tsx.
 */
export function resolveWorkerEntry(): { file: string; needsTsx: boolean } {
  const candidates = [
    { file: path.join(here, 'parseWorkerMain.js'), needsTsx: false },
    { file: path.resolve(here, '../parsing/worker/parseWorkerMain.ts'), needsTsx: true },
  ];
  const found = candidates.find((c) => existsSync(c.file));
  if (!found) throw new Error(`parse worker entry not found (looked for ${candidates.map((c) => c.file).join(', ')})`);
  return found;
}

/**
 * Starts workers as Node child processes. The V8 heap is capped here; array buffers live outside that
 * heap, which is why the pool also watches resident memory.
 */
export function nodeWorkerSpawner(opts: { maxOldSpaceMb: number }): WorkerSpawner {
  const entry = resolveWorkerEntry();
  return () => {
    const execArgv = [`--max-old-space-size=${opts.maxOldSpaceMb}`];
    if (entry.needsTsx) execArgv.push('--import', 'tsx');
    const child = fork(entry.file, [], {
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
