/**
 * Training as service operations, through the same dispatch every host uses: startTraining runs the job in
 * a child process and returns at once, trainingProgress events stream the steps (validated against the
 * contract's event schema), cancelTraining checkpoints and stops, a resumed run continues to the end,
 * listTrainingRuns shows the runs of the data folder, and an invalid config is refused before anything
 * starts.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events as contractEvents } from '../../src-main/contract/service';
import type { TrainingProgress } from '../../src-main/contract/trainingSchemas';
import type { TrainMetrics } from '../../src-main/ml/train/index.js';
import { committedFolder } from '../../src-main/ml/train/index.js';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch } from '../../src-main/services/dispatch';
import { createTrainingService } from '../../src-main/services/trainingService';
import { writeRunState } from '../../src-main/services/trainingRunState';
import { makeTempDir } from '../helpers/tempDir';

const tmp = makeTempDir('training-service');
const dataDir = path.join(tmp.dir, 'data');
const file = (name: string): string => path.join(tmp.dir, name);
const TRAIN = [
  { id: 'c1', prompt: 'Chest film: is there fluid?', response: '\\boxed{effusion}', answer: 'effusion', domain: 'cxr' },
  { id: 'c2', prompt: 'Chest film: any consolidation?', response: '\\boxed{pneumonia}', answer: 'pneumonia', domain: 'cxr' },
  { id: 's1', prompt: 'Skin photo: what lesion?', response: '\\boxed{melanoma}', answer: 'melanoma', domain: 'skin' },
];
writeFileSync(file('train.jsonl'), TRAIN.map((r) => `${JSON.stringify(r)}\n`).join(''));

let service: WorkstationService;
const received: TrainingProgress[] = [];
beforeAll(() => {
  service = createWorkstationService({ dataDir });
  service.events.on('trainingProgress', (p) => {
    // Every event must pass the contract's schema, as the IPC bridge and the browser host check it.
    expect(contractEvents.trainingProgress.safeParse(p).success, JSON.stringify(p)).toBe(true);
    received.push(p);
  });
});
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

const call = (op: string, input: unknown): Promise<unknown> => dispatch(service.api, op, input);
const eventsOf = (jobId: string): TrainingProgress[] => received.filter((e) => e.jobId === jobId);
const END = new Set(['finished', 'cancelled', 'failed']);

/** Resolves with the job's last event once it has ended; `onEvent` sees each of its events first. */
function ended(jobId: string, onEvent?: (e: TrainingProgress) => void): Promise<TrainingProgress> {
  return new Promise((resolve) => {
    const seen = new Set<TrainingProgress>();
    const check = (e: TrainingProgress): void => {
      if (e.jobId !== jobId || seen.has(e)) return;
      seen.add(e);
      onEvent?.(e);
      if (END.has(e.phase)) {
        off();
        resolve(e);
      }
    };
    const off = service.events.on('trainingProgress', check);
    for (const e of eventsOf(jobId)) check(e); // events that came before we listened
  });
}
const readMetrics = (runDir: string): TrainMetrics[] =>
  readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrainMetrics);

describe('training through the service contract', () => {
  it('a short SFT job: progress events with increasing steps, then finished; listed with its last metrics', async () => {
    const started = (await call('startTraining', { config: { kind: 'sft', data: 'train.jsonl', steps: 12, lr: 1e-2, batchSize: 3, checkpointEvery: 5, seed: 1 }, configDir: tmp.dir })) as { jobId: string; runDir: string };
    expect(started.runDir.startsWith(path.join(dataDir, 'training') + path.sep)).toBe(true);
    const last = await ended(started.jobId);
    expect(last.phase).toBe('finished');
    expect(last.step).toBe(12);

    const evs = eventsOf(started.jobId);
    expect(evs[0]!.phase).toBe('started');
    const steps = evs.filter((e) => e.phase === 'step');
    expect(steps.map((e) => e.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const e of steps) {
      expect(e.totalSteps).toBe(12);
      expect(e.metrics!.kind).toBe('sft');
      for (const v of [e.metrics!.loss, e.metrics!.gradNorm, e.metrics!.lr]) expect(Number.isFinite(v)).toBe(true);
      expect(e.metrics!.reward).toBeNull();
    }
    expect(evs.filter((e) => e.phase === 'checkpoint').map((e) => [e.step, e.checkpoint!.reason])).toEqual([[5, 'interval'], [10, 'interval'], [12, 'end']]);
    expect(evs.at(-1)).toBe(last);
    // The same numbers as the trainer's own records in metrics.jsonl.
    const sft = readMetrics(started.runDir).filter((m) => m.type === 'sft-step');
    expect(steps.map((e) => e.metrics!.loss)).toEqual(sft.map((m) => (m.type === 'sft-step' ? m.loss : NaN)));

    const { runs } = (await call('listTrainingRuns', {})) as { runs: { runDir: string; state: string; step: number; totalSteps: number; resumable: boolean; kind: string; lastMetrics: { loss: number } | null }[] };
    const run = runs.find((r) => r.runDir === started.runDir)!;
    expect(run).toMatchObject({ state: 'finished', step: 12, totalSteps: 12, resumable: false, kind: 'sft' });
    expect(run.lastMetrics!.loss).toBe(steps.at(-1)!.metrics!.loss);
  });

  it('cancel mid-run leaves a checkpoint; resume (run folder only) continues to the end, every step once', async () => {
    const config = { kind: 'grpo', advantage: 'drpo', data: 'train.jsonl', steps: 8, lr: 1e-2, G: 2, maxNewTokens: 4, klCoef: 1e-2, seed: 3 };
    const first = (await call('startTraining', { config, configDir: tmp.dir })) as { jobId: string; runDir: string };
    let cancelAsked = false;
    const stop = await ended(first.jobId, (e) => {
      if (e.phase === 'step' && !cancelAsked) {
        cancelAsked = true;
        void call('cancelTraining', { jobId: first.jobId }).then((r) => expect(r).toEqual({ cancelled: true }));
      }
    });
    expect(stop.phase).toBe('cancelled');
    expect(stop.step).toBeGreaterThanOrEqual(1);
    expect(stop.step).toBeLessThan(8);
    expect(committedFolder(path.join(first.runDir, 'checkpoint'))).not.toBeNull();
    const cancelCheckpoint = eventsOf(first.jobId).find((e) => e.phase === 'checkpoint');
    expect(cancelCheckpoint).toMatchObject({ step: stop.step, checkpoint: { reason: 'cancel' } });

    // GRPO/DRPO step events carry reward, F1, IoU, KL, clip fraction and each domain with DRPO's factors.
    const step1 = eventsOf(first.jobId).find((e) => e.phase === 'step')!;
    expect(step1.metrics).toMatchObject({ kind: 'drpo' });
    for (const k of ['reward', 'f1', 'iou', 'kl', 'clipFraction', 'gradNorm', 'lr'] as const) expect(Number.isFinite(step1.metrics![k]), k).toBe(true);
    expect(step1.domains!.map((d) => d.domain).sort()).toEqual(['cxr', 'skin']);
    for (const d of step1.domains!) {
      expect(d.drpo!.T_d).toBeGreaterThan(0);
      expect(Number.isFinite(d.f1)).toBe(true);
    }

    let listed = ((await call('listTrainingRuns', {})) as { runs: { runDir: string; state: string; resumable: boolean; step: number }[] }).runs.find((r) => r.runDir === first.runDir);
    expect(listed).toMatchObject({ state: 'cancelled', resumable: true, step: stop.step });
    expect(await call('cancelTraining', { jobId: first.jobId })).toEqual({ cancelled: false }); // no longer running

    const second = (await call('startTraining', { runDir: first.runDir, resume: true })) as { jobId: string; runDir: string };
    expect(second.runDir).toBe(first.runDir);
    const done = await ended(second.jobId);
    expect(done).toMatchObject({ phase: 'finished', step: 8 });
    expect(eventsOf(second.jobId).some((e) => e.phase === 'status' && e.message!.includes(`at step ${stop.step}/8`))).toBe(true);
    expect(eventsOf(second.jobId).filter((e) => e.phase === 'step').map((e) => e.step)).toEqual(Array.from({ length: 8 - stop.step }, (_, i) => stop.step + i + 1));
    const recorded = readMetrics(first.runDir).filter((m) => m.type === 'grpo-step').map((m) => m.step);
    expect(recorded).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    listed = ((await call('listTrainingRuns', {})) as { runs: { runDir: string; state: string; resumable: boolean; step: number }[] }).runs.find((r) => r.runDir === first.runDir);
    expect(listed).toMatchObject({ state: 'finished', resumable: false, step: 8 });
  });

  it('an invalid config is refused with the zod issue path, and nothing is started', async () => {
    const before = received.length;
    await expect(call('startTraining', { config: { kind: 'grpo', data: 'train.jsonl', steps: 2, lr: 1e-2, drpo: { kMax: 0 } }, configDir: tmp.dir })).rejects.toThrow(/invalid training config: drpo\.kMax: /);
    await expect(call('startTraining', { config: { kind: 'sft', data: 'train.jsonl', steps: 0, lr: 1e-2 }, configDir: tmp.dir })).rejects.toThrow(/steps: /);
    await expect(call('startTraining', { config: { kind: 'sft', data: 'missing.jsonl', steps: 2, lr: 1e-2 }, configDir: tmp.dir })).rejects.toThrow(/cannot read .*missing\.jsonl/);
    // Contract-level: no config and no resume; resume without a run folder.
    await expect(call('startTraining', {})).rejects.toThrow(/invalid input for startTraining: config: a config is needed/);
    await expect(call('startTraining', { resume: true, config: {} })).rejects.toThrow(/runDir: resuming needs the run folder/);
    await expect(call('startTraining', { runDir: path.join(tmp.dir, 'no-run'), resume: true })).rejects.toThrow(/cannot resume/);
    expect(received.length).toBe(before);
    expect(existsSync(path.join(tmp.dir, 'no-run'))).toBe(false);

    // The same function used directly: the child process is never forked for a refused config.
    let forks = 0;
    const training = createTrainingService({ dataDir: path.join(tmp.dir, 'direct'), emit: () => {}, spawnTrainer: () => {
        forks += 1;
        return Promise.reject(new Error('must not be called'));
      },
    });
    await expect(training.startTraining({ config: { kind: 'sft', data: 'train.jsonl', steps: 2, lr: -1 }, configDir: tmp.dir })).rejects.toThrow(/lr: /);
    expect(forks).toBe(0);
    expect(existsSync(path.join(tmp.dir, 'direct'))).toBe(false);
  });

  it('a run whose state file says running but that no process runs is listed as interrupted, resumable', async () => {
    const runDir = path.join(dataDir, 'training', 'crashed-run');
    mkdirSync(path.join(runDir), { recursive: true });
    writeRunState(runDir, { jobId: '00000000-0000-4000-8000-000000000000', state: 'running', kind: 'sft', step: 3, totalSteps: 10, startedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:01:00.000Z', lastMetrics: null });
    const { runs } = (await call('listTrainingRuns', {})) as { runs: { runDir: string; state: string; resumable: boolean }[] };
    // No checkpoint was committed, so there is nothing to resume from.
    expect(runs.find((r) => r.runDir === runDir)).toMatchObject({ state: 'interrupted', resumable: false });
  });
});
