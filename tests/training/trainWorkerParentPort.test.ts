/**
 * The training entry as the Electron app runs it: a utility process, which talks to its parent over
 * process.parentPort and has no process.send. A short SFT job must stream its status and metrics and end
 * with 'done' over that port, then exit 0 (the service reads 'done' before the exit to call a run
 * finished). The Node child path (process.send) is what trainingService.test.ts runs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../src-main/import/workerSpawner';
import { parseJobConfig } from '../../src-main/training/jobConfig';
import type { ParentToTrainer, TrainerToParent } from '../../src-main/training/trainProtocol';
import { runWithParentPort } from '../helpers/parentPortHarness';
import { makeTempDir } from '../helpers/tempDir';

const tmp = makeTempDir('train-parent-port');
afterAll(() => tmp.cleanup());

/** A job of a few milliseconds a step: the tiny default decoder, three records. */
function tinySftStart(dir: string): ParentToTrainer {
  const records = [
    { id: 'c1', prompt: 'Chest film: is there fluid?', response: '\\boxed{effusion}', answer: 'effusion', domain: 'cxr' },
    { id: 's1', prompt: 'Skin photo: what lesion?', response: '\\boxed{melanoma}', answer: 'melanoma', domain: 'skin' },
    { id: 'c2', prompt: 'Chest film: any consolidation?', response: '\\boxed{pneumonia}', answer: 'pneumonia', domain: 'cxr' },
  ];
  writeFileSync(path.join(dir, 'train.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const job = parseJobConfig({ kind: 'sft', data: 'train.jsonl', steps: 2, lr: 1e-2, batchSize: 3, seed: 1 }, dir, 'test job');
  return { type: 'start', job, out: path.join(dir, 'run'), resume: false };
}

describe('trainWorkerMain under an Electron-style parentPort', () => {
  it('takes its start from the port, streams over it, ends with done and exits 0', async () => {
    const run = runWithParentPort<TrainerToParent>(await resolveWorkerEntry('trainWorkerMain'));
    run.post(tinySftStart(tmp.dir));
    expect(await run.exited).toBe(0);
    expect(run.sentOtherwise).toEqual([]);
    const types = run.posted.map((m) => m.type);
    expect(types).toContain('status');
    expect(types).toContain('metrics');
    expect(run.posted.at(-1)).toMatchObject({ type: 'done', result: { step: 2, steps: 2, cancelled: false } });
  });

  it('reports a failing job over the port and exits 1', async () => {
    const run = runWithParentPort<TrainerToParent>(await resolveWorkerEntry('trainWorkerMain'));
    const start = tinySftStart(tmp.dir);
    // Resuming a folder without a checkpoint fails at once, inside the trainer.
    run.post({ ...start, out: path.join(tmp.dir, 'empty'), resume: true });
    expect(await run.exited).toBe(1);
    expect(run.sentOtherwise).toEqual([]);
    expect(run.posted).toEqual([{ type: 'failed', message: expect.stringMatching(/cannot resume: no checkpoint/) }]);
  });
});
