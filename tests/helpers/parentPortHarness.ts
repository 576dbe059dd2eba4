/**
 * Runs a worker entry under plain Node the way an Electron utility process presents itself to it:
 * `process.parentPort` with `{ data }` message events and `postMessage`. Node has no utility processes, so
 * a fork stands in and the port is emulated over its IPC channel. Everything the entry posts through the
 * port comes back tagged, so a test can tell the port was used rather than process.send (which a utility
 * process does not have).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Messages that arrive before the entry listens are held back, as Electron's port holds them until the
// first 'message' listener starts it.
const SHIM = `
const listeners = [];
const early = [];
process.parentPort = {
  on(event, listener) {
    if (event !== 'message') return;
    listeners.push(listener);
    for (const message of early.splice(0)) listener({ data: message });
  },
  postMessage(message) { process.send({ viaParentPort: message }); },
};
process.on('message', (message) => {
  if (listeners.length === 0) early.push(message);
  for (const listener of listeners) listener({ data: message });
});
await import(process.argv[2]);
`;

export interface ParentPortRun<M> {
  /** Sends a message to the entry as the utility process's parent would (it arrives as `{ data }`). */
  post(message: unknown): void;
  /** Messages the entry posted through parentPort, in order. */
  readonly posted: M[];
  /** Messages that reached the parent some other way (process.send): should stay empty. */
  readonly sentOtherwise: unknown[];
  /** The entry's exit code (null when ended by a signal). */
  readonly exited: Promise<number | null>;
  kill(): void;
}

export function runWithParentPort<M>(entry: string): ParentPortRun<M> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qoq-parent-port-'));
  const shim = path.join(dir, 'parentPortShim.mjs');
  writeFileSync(shim, SHIM);
  const child = fork(shim, [pathToFileURL(entry).href], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const posted: M[] = [];
  const sentOtherwise: unknown[] = [];
  child.on('message', (message) => {
    if (message !== null && typeof message === 'object' && 'viaParentPort' in message) posted.push(message.viaParentPort as M);
    else sentOtherwise.push(message);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  return {
    post: (message) => child.send(message as object),
    posted,
    sentOtherwise,
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}
