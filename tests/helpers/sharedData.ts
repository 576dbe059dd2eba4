import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared test corpus lives beside the checkout (../shared/data) and is never copied into the repo.
 * QOQ_SHARED_DATA overrides it for unusual layouts.
 */
export const sharedDataDir = process.env.QOQ_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

/** Absolute path of a file in the shared corpus; fails loudly when the corpus is missing. */
export function sharedData(...parts: string[]): string {
  const p = path.join(sharedDataDir, ...parts);
  if (!existsSync(p)) throw new Error(`shared test file missing: ${p} (is ../shared/data beside the checkout?)`);
  return p;
}
