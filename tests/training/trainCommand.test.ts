/**
 * `qoq train` and `qoq eval` end to end (bin/qoq.mjs in a child process, training in its own child):
 * a tiny SFT job whose loss falls, evaluation scored with the reward functions, a DRPO job stopped with
 * Ctrl-C after its first checkpoint and resumed, and invalid configs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GrpoStepMetrics, SftStepMetrics, TrainMetrics } from '../../src-main/ml/train/index.js';
import { makeTempDir } from '../helpers/tempDir';
import { qoq, qoqStreaming } from './qoqCli';

const tmp = makeTempDir('train-cli');
afterAll(() => tmp.cleanup());
const file = (name: string): string => path.join(tmp.dir, name);

const TRAIN = [
  { id: 'c1', prompt: 'Chest film: is there fluid?', response: '\\boxed{effusion}', answer: 'effusion', domain: 'cxr' },
  { id: 'c2', prompt: 'Chest film: any consolidation?', response: '\\boxed{pneumonia}', answer: 'pneumonia', domain: 'cxr' },
  { id: 's1', prompt: 'Skin photo: what lesion?', response: '\\boxed{melanoma}', answer: 'melanoma', domain: 'skin' },
  { id: 's2', prompt: 'Skin photo: benign or not?', response: '\\boxed{nevus}', answer: 'nevus', domain: 'skin' },
];
// The test set asks the training prompts with other answers, so F1 takes values between 0 and 1.
const TEST = [
  { id: 'c1', prompt: TRAIN[0]!.prompt, answer: 'effusion, pneumonia', domain: 'cxr' },
  { id: 'c2', prompt: TRAIN[1]!.prompt, answer: 'pneumonia', domain: 'cxr' },
  { id: 'c3', prompt: TRAIN[0]!.prompt, answer: 'cardiomegaly', domain: 'cxr' },
  { id: 's1', prompt: TRAIN[2]!.prompt, answer: 'melanoma', domain: 'skin' },
];
const jsonLines = (rows: readonly object[]): string => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
writeFileSync(file('train.jsonl'), jsonLines(TRAIN));
writeFileSync(file('test.jsonl'), jsonLines(TEST));

function writeConfig(name: string, config: object): string {
  writeFileSync(file(name), JSON.stringify(config));
  return file(name);
}
const readMetrics = (dir: string): TrainMetrics[] =>
  readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrainMetrics);

/** F1 of one response counted by hand: the labels in the last \boxed{…} against the answer's labels. */
function handF1(response: string, answer: string): number {
  const boxed = [...response.matchAll(/\\boxed\{([^}]*)\}/g)].at(-1)?.[1];
  if (boxed === undefined) return 0;
  const predicted = new Set(boxed.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  const truth = new Set(answer.split(',').map((s) => s.trim().toLowerCase()));
  const hits = [...predicted].filter((p) => truth.has(p)).length;
  if (hits === 0) return 0;
  const precision = hits / predicted.size;
  const recall = hits / truth.size;
  return (2 * precision * recall) / (precision + recall);
}

describe('qoq train / qoq eval', () => {
  const sftOut = file('sft-run');

  it('runs a tiny SFT job in a child process: per-step lines, metrics.jsonl, falling loss, a checkpoint', () => {
    const config = writeConfig('sft.json', { kind: 'sft', data: 'train.jsonl', steps: 200, lr: 1e-2, batchSize: 4, checkpointEvery: 100, seed: 1 });
    const r = qoq(['train', '--config', config, '--out', sftOut]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/step {3}1\/200 {2}loss \d+\.\d{4}/);
    expect(r.stdout).toContain('checkpoint at step 100 (interval)');
    expect(r.stdout).toContain('Finished: step 200/200');
    const steps = readMetrics(sftOut).filter((m): m is SftStepMetrics => m.type === 'sft-step');
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const first = steps[0]!.loss;
    const last = steps.at(-1)!.loss;
    expect(first).toBeGreaterThan(4); // ≈ ln(vocabulary): an untrained model
    expect(last).toBeLessThan(first / 4);
    expect(Math.max(...steps.slice(-10).map((s) => s.loss))).toBeLessThan(Math.min(...steps.slice(0, 10).map((s) => s.loss)));
    // A second fresh run into the same folder is refused rather than overwriting it.
    const again = qoq(['train', '--config', config, '--out', sftOut]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('--resume');
  });

  it('qoq eval scores greedy responses with the reward functions, per domain and overall', () => {
    const r = qoq(['eval', '--model', sftOut, '--data', file('test.jsonl'), '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      step: number;
      domains: Record<string, { n: number; f1: number; format: number; reward: number }>;
      overall: { n: number; f1: number; reward: number };
      records: { id: string; domain: string; response: string; f1: number; iou: number; format: number; length: number; reward: number }[];
    };
    expect(report.step).toBe(200);
    expect(Object.keys(report.domains)).toEqual(['cxr', 'skin']);
    expect(report.domains.cxr!.n).toBe(3);
    expect(report.overall.n).toBe(4);
    // The cxr F1, counted by hand from the responses the model gave.
    const cxr = report.records.filter((x) => x.domain === 'cxr');
    const hand = cxr.map((x) => handF1(x.response, TEST.find((t) => t.id === x.id)!.answer));
    expect(report.domains.cxr!.f1).toBeCloseTo(hand.reduce((a, b) => a + b, 0) / hand.length, 10);
    // The trained model answers its training prompts: c1's prompt gets "effusion" of two labels (F1 2/3).
    expect(cxr.find((x) => x.id === 'c1')?.response).toBe('\\boxed{effusion}');
    expect(cxr.find((x) => x.id === 'c1')?.f1).toBeCloseTo(2 / 3, 10);
    expect(cxr.find((x) => x.id === 'c3')?.f1).toBe(0);
    for (const x of report.records) expect(x.reward).toBeCloseTo(0.5 * x.f1 + 0.3 * x.iou + 0.1 * x.format + 0.1 * x.length, 10);
    expect(report.overall.reward).toBeCloseTo(report.records.reduce((a, x) => a + x.reward, 0) / 4, 10);

    const text = qoq(['eval', '--model', path.join(sftOut, 'checkpoint'), '--data', file('test.jsonl')]);
    expect(text.status).toBe(0);
    const line = text.stdout.split('\n').find((l) => l.startsWith('cxr'));
    expect(line?.split(/\s+/).slice(1)).toEqual(['3', ...['f1', 'iou', 'format', 'length', 'reward'].map((k) => (report.domains.cxr as Record<string, number>)[k]!.toFixed(3))]);
    expect(text.stdout).toMatch(/^overall\s+4\s/m);
  });

  it('a GRPO job can start from the SFT run (model.init): its rollouts already earn the F1 reward', () => {
    const config = writeConfig('grpo-init.json', { kind: 'grpo', advantage: 'grpo', model: { init: 'sft-run' }, data: 'train.jsonl', steps: 2, lr: 1e-3, G: 2, maxNewTokens: 8, klCoef: 0 });
    const out = file('grpo-init-run');
    const r = qoq(['train', '--config', config, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Starting from ${path.join(sftOut, 'checkpoint')} (trained 200 steps)`);
    const steps = readMetrics(out).filter((m): m is GrpoStepMetrics => m.type === 'grpo-step');
    expect(steps).toHaveLength(2);
    expect(steps[0]!.rewardParts.f1).toBeGreaterThan(0.5); // sampled at temperature 1 from a memorising model
    expect(readFileSync(path.join(out, 'tokenizer.json'), 'utf8')).toBe(readFileSync(path.join(sftOut, 'tokenizer.json'), 'utf8'));
  });

  it('a DRPO job stopped with Ctrl-C after its first checkpoint exits 130 and --resume completes it', async () => {
    const config = writeConfig('drpo.json', { kind: 'grpo', advantage: 'drpo', data: 'train.jsonl', steps: 16, lr: 1e-2, G: 4, maxNewTokens: 6, klCoef: 1e-2, checkpointEvery: 2, seed: 3 });
    const out = file('drpo-run');
    let signalled = false;
    const first = await qoqStreaming(['train', '--config', config, '--out', out], (line, child) => {
      if (!signalled && line.startsWith('checkpoint at step')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    expect(first.status).toBe(130);
    expect(first.stderr).toContain('stopping after the current step');
    const stopped = Number(/Stopped at step (\d+)\/16/.exec(first.stdout)?.[1]);
    expect(stopped).toBeGreaterThanOrEqual(2);
    expect(stopped).toBeLessThan(16);
    expect(first.stdout).toContain(`checkpoint at step ${stopped} (cancel)`);
    expect(first.stdout).toMatch(/^ {4}cxr +n 2 {2}reward \d\.\d{4}.* N_d \d+ {2}T_d/m);

    const resumed = qoq(['train', '--config', config, '--out', out, '--resume']);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(`Resuming from ${path.join(out, 'checkpoint')} at step ${stopped}/16`);
    expect(resumed.stdout).toContain('Finished: step 16/16');
    const steps = readMetrics(out).filter((m): m is GrpoStepMetrics => m.type === 'grpo-step');
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1)); // appended, none twice
    expect(steps.every((s) => s.advantage === 'drpo' && s.responses === 16)).toBe(true);
    expect(readMetrics(out).filter((m) => m.type === 'domain')).toHaveLength(32);
  });

  it('rejects bad invocations (exit 2) and invalid configs and data (exit 1, naming the field)', () => {
    expect(qoq(['train']).status).toBe(2);
    expect(qoq(['eval', '--model', sftOut]).status).toBe(2);
    // (jobConfig.test.ts covers the schema field by field, in process.)
    const bad = writeConfig('bad.json', { kind: 'grpo', data: 'train.jsonl', steps: 2, lr: 1e-2, drpo: { kMax: 0 } });
    const r = qoq(['train', '--config', bad, '--out', file('bad-run')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}: drpo.kMax:`);
    writeFileSync(file('bad.jsonl'), `${JSON.stringify(TRAIN[0])}\n${JSON.stringify({ prompt: 'x', domain: 'cxr' })}\n`);
    const data = qoq(['train', '--config', writeConfig('bad-data.json', { kind: 'sft', data: 'bad.jsonl', steps: 2, lr: 1e-2 }), '--out', file('bad-run')]);
    expect(data.status).toBe(1);
    expect(data.stderr).toContain('bad.jsonl:2: answer:');
    const noResume = qoq(['train', '--config', writeConfig('ok.json', { kind: 'sft', data: 'train.jsonl', steps: 2, lr: 1e-2 }), '--out', file('nothing-here'), '--resume']);
    expect(noResume.status).toBe(1);
    expect(noResume.stderr).toContain('cannot resume');
  });
});
