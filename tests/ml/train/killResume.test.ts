import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint, type TrainerState } from '../../../src-main/ml/train/index.js';
import { freshResumeState, toyDrpoRun } from './harness/toyGrpoRun.js';

const STEPS = 6;
const EVERY = 2;
const root = await mkdtemp(path.join(tmpdir(), 'qoq-kill-resume-'));
afterAll(() => rm(root, { recursive: true, force: true }));

interface ChildRun {
  readonly lines: Record<string, unknown>[];
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
}

/** Runs trainChild.ts; with `killOnCheckpoint`, SIGKILLs it as soon as it reports its first checkpoint. */
function runChild(dir: string, killOnCheckpoint: boolean, lora = false): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/ml/train/fixtures/trainChild.ts', dir, String(STEPS), String(EVERY), ...(lora ? ['lora'] : [])], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    lines.push(record);
    // The child is already into the next step (it writes the line after the save completes).
    if (killOnCheckpoint && 'checkpoint' in record) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ lines, signal, code }));
  });
}

function expectSameState(actual: TrainerState, expected: TrainerState): void {
  expect(actual.step).toBe(expected.step);
  expect(actual.optimizerStep).toBe(expected.optimizerStep);
  expect(actual.rngState).toBe(expected.rngState);
  expect(actual.drpo).toEqual(expected.drpo);
  expect(actual.lora?.settings).toEqual(expected.lora?.settings);
  for (const [label, a, e] of [
    ['weights', actual.weights, expected.weights],
    ['LoRA factors', actual.lora?.factors ?? {}, expected.lora?.factors ?? {}],
    ['LoRA base', actual.lora?.base ?? {}, expected.lora?.base ?? {}],
    ['m', actual.moments.m, expected.moments.m],
    ['v', actual.moments.v, expected.moments.v],
  ] as const) {
    expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
    for (const name of Object.keys(e)) {
      // Bit-for-bit: compare the raw bytes, so -0 vs 0 or a NaN payload would count as a difference.
      const bytes = (x: Float32Array): Uint8Array => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
      expect(Buffer.compare(bytes(a[name] as Float32Array), bytes(e[name] as Float32Array)), `${label} ${name}`).toBe(0);
    }
  }
}

describe('kill-and-resume (DRPO, 2 PPO epochs × minibatches, KL reference)', () => {
  // The LoRA variant trains only adapters: factors, their moments, the base and the adapted weights must all resume.
  for (const lora of [false, true]) {
  it(`a${lora ? ' LoRA' : ''} run SIGKILLed after its first checkpoint and resumed ends bit-identical to an uninterrupted ${STEPS}-step run`, async () => {
    const uninterrupted = freshResumeState(lora);
    await toyDrpoRun({ state: uninterrupted, steps: STEPS });
    const referenceDir = path.join(root, `uninterrupted${lora ? '-lora' : ''}`);
    await saveCheckpoint(referenceDir, uninterrupted);

    const dir = path.join(root, `killed${lora ? '-lora' : ''}`);
    const killed = await runChild(dir, true, lora);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lines.some((l) => 'done' in l)).toBe(false);
    const survivor = await loadCheckpoint(dir);
    expect(survivor.step).toBeGreaterThanOrEqual(EVERY);
    expect(survivor.step).toBeLessThan(STEPS); // the resume has real work left

    const resumed = await runChild(dir, false, lora);
    expect(resumed.code).toBe(0);
    expect(resumed.lines[0]).toEqual({ start: survivor.step });
    expect(resumed.lines.at(-1)).toEqual({ done: STEPS });
    const final = await loadCheckpoint(dir);
    expect(final.lora !== null).toBe(lora);
    expectSameState(final, await loadCheckpoint(referenceDir));
  });
  }

  it('cancelling through the signal checkpoints the last completed step; resuming in-process matches too', async () => {
    const uninterrupted = freshResumeState();
    await toyDrpoRun({ state: uninterrupted, steps: 4 });

    const dir = path.join(root, 'cancelled');
    const controller = new AbortController();
    const events: string[] = [];
    const first = await toyDrpoRun({
      state: freshResumeState(),
      steps: 4,
      checkpointDir: dir,
      signal: controller.signal,
      onMetrics: (m) => {
        if (m.type === 'grpo-step' && m.step === 2) controller.abort();
        if (m.type === 'checkpoint') events.push(`${m.reason}@${m.step}`);
      },
    });
    expect(first.cancelled).toBe(true);
    expect(events).toEqual(['cancel@2']);

    const state = await loadCheckpoint(dir);
    const second = await toyDrpoRun({ state, steps: 4 });
    expect(second).toMatchObject({ cancelled: false, stepsRun: 2 });
    expectSameState(state, uninterrupted);
  });
});
