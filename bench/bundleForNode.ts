// Benchmarks measure their subjects in child processes started with plain `node` on an ESM bundle: a
// process run through tsx carries an esbuild loader thread whose memory and CPU would be counted too.
// npm packages stay external (resolved from node_modules as in the app).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Options every bench bundle shares. */
export const NODE_BUNDLE = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' } as const;

/** A bench's own cache folder under node_modules/.cache (never committed, removed by `npm ci`). */
export const benchCacheDir = (name: string): string => path.join(ROOT, 'node_modules', '.cache', name);

/** Bundles `entries` (output name → source file) into `outDir` as `<name>.mjs`; returns the output paths. */
export async function bundleForNode<K extends string>(entries: Record<K, string>, outDir: string): Promise<Record<K, string>> {
  await build({ ...NODE_BUNDLE, entryPoints: entries, outdir: outDir, outExtension: { '.js': '.mjs' } });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, path.join(outDir, `${name}.mjs`)])) as Record<K, string>;
}
