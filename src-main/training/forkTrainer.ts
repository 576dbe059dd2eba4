import { fork, type ChildProcess } from 'node:child_process';
import { resolveWorkerEntry } from '../import/workerSpawner';

/**
 * Starts the training child (trainWorkerMain.ts) as a Node child process with an IPC channel: the bundled
 * `trainWorkerMain.js` when a build ships one, else a bundle made from the TypeScript source on first use
 * (as for the parse worker: starting through tsx would recompile the module graph on every start).
 * Its stdout/stderr are the parent's, so a native crash is visible. The Electron app does not come here:
 * it starts the same entry as a utility process (src-main/electron/main.ts).
 */
export async function forkTrainer(): Promise<ChildProcess> {
  const entry = await resolveWorkerEntry('trainWorkerMain');
  return fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
}
