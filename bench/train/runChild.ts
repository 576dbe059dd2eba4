import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { StepJob, StepResult } from './protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
/** Under node_modules so the bundle's bare import of onnxruntime-node resolves. */
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'qoq-bench-train');

/**
 * Bundles the step child to plain ESM, so it runs under bare `node`: no tsx/esbuild loader thread in the
 * measured process. npm packages stay external (as bench/infer does).
 */
export async function bundleStepChild(): Promise<string> {
  await build({
    entryPoints: { step: path.join(HERE, 'stepChild.ts') },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return path.join(OUT_DIR, 'step.mjs');
}

/** Runs one measured child to completion and returns its one result message. */
export function runStepChild(script: string, job: StepJob): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    // execArgv [] so the bench's tsx loader is not inherited: the child is plain node on a bundle.
    const proc = fork(script, [JSON.stringify(job)], { execArgv: [], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    let result: StepResult | null = null;
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.on('message', (m: StepResult) => (result = m));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code === 0 && result !== null) resolve(result);
      else reject(new Error(`${job.kind} step child exited with ${code}${result === null ? ' without a result' : ''}:\n${stderr}`));
    });
  });
}
