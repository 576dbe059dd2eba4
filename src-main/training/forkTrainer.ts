import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkerEntry } from '../import/bundleWorkerEntry';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts the training child (trainWorkerMain.ts) with an IPC channel: a bundled `trainWorkerMain.js`
 * beside this module when a build ships one, else a bundle made from the TypeScript source on first use
 * (as for the parse worker: starting through tsx would recompile the module graph on every start).
 * Its stdout/stderr are the parent's, so a native crash is visible.
 */
export async function forkTrainer(): Promise<ChildProcess> {
  const built = path.join(here, 'trainWorkerMain.js');
  const entry = existsSync(built) ? built : await bundleWorkerEntry(path.join(here, 'trainWorkerMain.ts'), path.resolve(here, '../..'));
  return fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
}
