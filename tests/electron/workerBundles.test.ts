/**
 * The main-process build as `electron-vite build` makes it (electron.vite.config.ts, resolved by
 * electron-vite itself), written to a scratch folder: every entry in WORKER_ENTRIES must come out as
 * `<name>.js` beside index.js, because the app starts each as a utility process from that file
 * (builtWorkerEntry) and has no other way to start Node code. The built trainer then runs a short job
 * over an Electron-style parentPort, so the shipped bundle itself is known to start and to talk.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, mergeConfig, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_ENTRIES } from '../../src-main/import/workerSpawner';
import { parseJobConfig } from '../../src-main/training/jobConfig';
import type { TrainerToParent } from '../../src-main/training/trainProtocol';
import { runWithParentPort } from '../helpers/parentPortHarness';
import { repoRoot } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';

// Under the checkout's node_modules so the bundles' external packages resolve as they do from out/main.
const outDir = path.join(repoRoot, 'node_modules', '.cache', 'qoq-workstation', `electron-main-${process.pid}`);
const tmp = makeTempDir('worker-bundles');
let mainConfig: InlineConfig;

beforeAll(async () => {
  const nodeEnv = process.env.NODE_ENV;
  // resolveConfig sets NODE_ENV for the process (as the CLI would); give vitest's back.
  const resolved = await resolveConfig({ root: repoRoot, logLevel: 'warn' }, 'build', 'production');
  process.env.NODE_ENV = nodeEnv;
  const main = resolved.config?.main;
  if (!main) throw new Error('electron.vite.config.ts has no main config');
  mainConfig = main;
  await build(mergeConfig(main, { configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true } }));
  // The app's package.json says "type": "module"; a folder under node_modules has no package scope of its own.
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module" }\n');
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  tmp.cleanup();
});

describe('electron-vite main build', () => {
  it('lists every worker entry as a build input, from the source WORKER_ENTRIES names', () => {
    const input = mainConfig.build?.rolldownOptions?.input as Record<string, string>;
    const importDir = path.join(repoRoot, 'src-main', 'import');
    const expected = Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, source]) => [name, path.resolve(importDir, source)]));
    expect(input).toEqual({ index: path.join(repoRoot, 'src-main', 'electron', 'main.ts'), ...expected });
  });

  it('emits index.js and one <name>.js per worker entry (trainWorkerMain included)', () => {
    const files = readdirSync(outDir);
    expect(files).toContain('index.js');
    for (const name of Object.keys(WORKER_ENTRIES)) expect(files, name).toContain(`${name}.js`);
    expect(files).toContain('trainWorkerMain.js');
  });

  it('the built trainWorkerMain.js runs a job over parentPort, as a utility process would', async () => {
    writeFileSync(path.join(tmp.dir, 'train.jsonl'), `${JSON.stringify({ id: 'c1', prompt: 'Chest film: is there fluid?', response: '\\boxed{effusion}', answer: 'effusion', domain: 'cxr' })}\n`);
    const job = parseJobConfig({ kind: 'sft', data: 'train.jsonl', steps: 1, lr: 1e-2, batchSize: 1, seed: 1 }, tmp.dir, 'test job');
    const run = runWithParentPort<TrainerToParent>(path.join(outDir, 'trainWorkerMain.js'));
    run.post({ type: 'start', job, out: path.join(tmp.dir, 'run'), resume: false });
    expect(await run.exited).toBe(0);
    expect(run.sentOtherwise).toEqual([]);
    expect(run.posted.at(-1)).toMatchObject({ type: 'done', result: { step: 1, steps: 1, cancelled: false } });
  });
});
