import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/sharedData';

export const rendererDir = path.join(repoRoot, 'out', 'renderer');

/** Newest modification time under a folder (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The e2e tests drive the production bundle (what users run), so they build it when it is missing or
 * older than the renderer sources. `npm test` builds first, so there this is a cheap check.
 */
export function ensureRendererBuilt(): void {
  const built = existsSync(path.join(rendererDir, 'index.html')) ? newestMtime(rendererDir) : 0;
  const sources = Math.max(newestMtime(path.join(repoRoot, 'src-renderer')), newestMtime(path.join(repoRoot, 'src-main', 'contract')), newestMtime(path.join(repoRoot, 'src-shared')));
  if (built >= sources) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}
