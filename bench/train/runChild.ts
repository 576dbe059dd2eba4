import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCacheDir, bundleForNode } from '../bundleForNode';
import type { StepJob, StepResult } from './protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The step child as a plain-node bundle (see bench/bundleForNode.ts for why). */
export async function bundleStepChild(): Promise<string> {
  return (await bundleForNode({ step: path.join(HERE, 'stepChild.ts') }, benchCacheDir('qoq-bench-train'))).step;
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
