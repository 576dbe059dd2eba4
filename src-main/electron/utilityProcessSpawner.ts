/**
 * Starts worker entries (parse, inference, export, training) as Electron utility processes. Needed
 * because the release build turns the RunAsNode fuse off, and child_process.fork in Electron relies on
 * ELECTRON_RUN_AS_NODE; utility processes are Chromium-managed Node processes that keep working with that
 * fuse off.
 */
import { utilityProcess } from 'electron';
import { builtWorkerEntry, type WorkerEntryName, type WorkerSpawner } from '../import/workerSpawner';
import type { WorkerMessage } from '../parsing/worker/protocol';

export function utilityProcessSpawner<M = WorkerMessage>(opts: { maxOldSpaceMb: number; maxSemiSpaceMb?: number; entry?: WorkerEntryName }): WorkerSpawner<M> {
  const name = opts.entry ?? 'parseWorkerMain';
  const entry = builtWorkerEntry(name);
  if (!entry) throw new Error(`${name} not built: run electron-vite build`);
  return () => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: `QoQ ${name}`,
      // Same V8 flags as the Node spawner, so the app's workers get the same memory bounds as the CLI's.
      execArgv: [`--max-old-space-size=${opts.maxOldSpaceMb}`, ...(opts.maxSemiSpaceMb !== undefined ? [`--max-semi-space-size=${opts.maxSemiSpaceMb}`] : [])],
      // Codec libraries sometimes print to stderr; keep it out of the user's terminal but drain it.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.resume();
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message) => listener(message as M)),
      // Utility processes report only an exit code; a crash shows up as a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener(code, null)),
      kill: () => {
        child.kill();
      },
    };
  };
}
