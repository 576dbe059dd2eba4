import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../../src-main/services/dataDir';

/**
 * Where the bench's temporary stores (the engine's, and baseline 2's database) are made: beside the
 * workstation's own store (the per-user data folder, or QOQ_DATA_DIR's parent), because creating files is
 * what an import's copy costs and that cost depends on the folder. On this project's VMs creating a file
 * under /tmp costs 0.4–0.5 ms of system CPU, 2–5× more than under ~/.local/share or /var/tmp on the same
 * ext4 volume (docs/benchmarks.md, Import, sixth round): a store in /tmp measured /tmp. BENCH_STORE_PARENT
 * overrides it.
 */
export function benchStoreParent(env: NodeJS.ProcessEnv = process.env): string {
  const parent = env.BENCH_STORE_PARENT ? path.resolve(env.BENCH_STORE_PARENT) : path.dirname(resolveDataDir(undefined, env));
  mkdirSync(parent, { recursive: true });
  return parent;
}
