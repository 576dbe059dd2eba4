import { assignRange, initialRange } from './assignKernels';
import { arenaViews, workChunks } from './kmeansThreadProtocol';
import { kmeansWorkerLoop } from './kmeansWorkerLoop';
import { nearestTwo } from './nearestTwo';
import { squaredDistance } from './squaredDistance';

/**
 * The worker's whole program as one script (`new Worker(source, { eval: true })`), built from the source
 * text of the very functions this thread runs. Why not a worker file: the code runs under tsx and vitest
 * (TypeScript, no worker loader), in esbuild bench bundles and in the electron-vite main bundle, and a
 * separate file would need an entry and a path in each; the text of a function is the same code in all of
 * them (a bundler that renames a function renames its callers alike, and the text carries both).
 *
 * Module transforms that keep modules apart write a call into another module as a namespace member:
 * vitest `(0, __vite_ssr_import_1__.nearestTwo)(…)`, esbuild's CommonJS output
 * `(0, import_nearestTwo.nearestTwo)(…)`. Every such namespace found in the text is declared in the
 * worker as an object of the worker's own functions. The worker tests its kernels once at start
 * (kmeansWorkerLoop's self-test) before it reports ready; if that fails, sweeps stay on their thread.
 */
export function kmeansWorkerSource(): string {
  const functions = [squaredDistance, nearestTwo, initialRange, assignRange, arenaViews, workChunks];
  const texts = [...functions, kmeansWorkerLoop].map(String);
  const names = functions.map((f) => f.name);
  const namespaces = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]*)/g)) {
      if (names.includes(m[2]!) && !names.includes(m[1]!)) namespaces.add(m[1]!);
    }
  }
  const table = `{ ${names.join(', ')} }`;
  return [
    ...texts.slice(0, -1),
    ...[...namespaces].map((ns) => `const ${ns} = ${table};`),
    `const wt = require('node:worker_threads');`,
    `(${texts.at(-1)!})({ ...wt.workerData, receive: wt.receiveMessageOnPort });`,
  ].join('\n');
}
