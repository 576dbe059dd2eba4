import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One bundle per entry source per process. */
const cached = new Map<string, Promise<string>>();

/**
 * Bundles the parse worker's TypeScript sources into one ES module (packages stay external), once per
 * process, for runs from a checkout (CLI, tests). Starting a worker through tsx compiles its whole module
 * graph on every start (~0.9 s here); the bundle starts in a fraction of that, and an import spawns a
 * worker per core plus one after every crash. The Electron build ships its own bundle and never gets here.
 *
 * The file is named by its content hash under node_modules/.cache (so package imports resolve from it),
 * written atomically: concurrent processes produce the same bytes and never see a partial file.
 */
export function bundleWorkerEntry(sourceFile: string, projectRoot: string): Promise<string> {
  let bundle = cached.get(sourceFile);
  if (!bundle) {
    bundle = build(sourceFile, projectRoot);
    cached.set(sourceFile, bundle);
  }
  return bundle;
}

async function build(sourceFile: string, projectRoot: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [sourceFile],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = path.join(projectRoot, 'node_modules', '.cache', 'qoq-workstation');
  const file = path.join(dir, `${path.basename(sourceFile, '.ts')}.${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}
