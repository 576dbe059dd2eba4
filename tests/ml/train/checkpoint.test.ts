import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drpoAdvantages } from '../../../src-main/ml/advantages/index.js';
import { CHECKPOINT_FILES, committedFolder, loadCheckpoint, readSafetensors, saveCheckpoint, type TrainerState } from '../../../src-main/ml/train/index.js';
import { toyState } from './harness/toyTasks.js';

const root = await mkdtemp(path.join(tmpdir(), 'qoq-checkpoint-'));
afterAll(() => rm(root, { recursive: true, force: true }));

/** A state with every part non-trivial: moved weights, moments, a frozen param, DRPO history, a reference. */
function busyState(step: number): TrainerState {
  const state = toyState({ seed: 3, keepReference: true, drpo: true, trainable: ['model.norm.weight', 'model.layers.0.mlp.up_proj.weight'] });
  for (const [i, p] of state.trainable.entries()) {
    (state.weights[p] as Float32Array).fill(0.5 + i + step);
    (state.moments.m[p] as Float32Array).fill(-1e-3 * step);
    (state.moments.v[p] as Float32Array).fill(1e-7 * step);
  }
  drpoAdvantages(state.drpo!, { questionIds: ['a', 'a', 'b', 'b'], domains: ['x', 'x', 'x', 'x'], rewards: [0.1, 0.7, 1 / 3, 0] });
  state.step = step;
  state.optimizerStep = 2 * step;
  state.rngState = 0xdeadbeef;
  return state;
}

describe('checkpoints', () => {
  it('round-trip every part of the state exactly; model.safetensors uses HF names and shapes', async () => {
    const dir = path.join(root, 'roundtrip');
    const state = busyState(5);
    await saveCheckpoint(dir, state);
    expect((await readdir(dir)).sort()).toEqual(Object.values(CHECKPOINT_FILES).sort());
    const back = await loadCheckpoint(dir);
    expect(back).toEqual(state); // typed arrays compared element-wise, the DRPO doubles exactly

    const model = readSafetensors(await readFile(path.join(dir, CHECKPOINT_FILES.model)));
    expect(model.metadata).toEqual({ format: 'pt' });
    expect(model.tensors.get('model.layers.0.self_attn.q_proj.weight')?.shape).toEqual([32, 32]);
    const optimizer = readSafetensors(await readFile(path.join(dir, CHECKPOINT_FILES.optimizer)));
    expect([...optimizer.tensors.keys()].sort()).toEqual(['model.layers.0.mlp.up_proj.weight.m', 'model.layers.0.mlp.up_proj.weight.v', 'model.norm.weight.m', 'model.norm.weight.v']);
  });

  it('a save replaces the previous checkpoint and leaves no temporary folders', async () => {
    const dir = path.join(root, 'replace');
    await saveCheckpoint(dir, busyState(1));
    await saveCheckpoint(dir, busyState(2));
    expect((await loadCheckpoint(dir)).step).toBe(2);
    expect((await readdir(root)).filter((n) => n.startsWith('replace'))).toEqual(['replace']);
  });

  it('a save killed while writing its files leaves the previous checkpoint (the half-written .tmp is ignored, then replaced)', async () => {
    const dir = path.join(root, 'killed-writing');
    await saveCheckpoint(dir, busyState(1));
    // What a SIGKILL during step 1 of writeFolderAtomically leaves: a partial dir.tmp.
    await mkdir(`${dir}.tmp`);
    await writeFile(path.join(`${dir}.tmp`, CHECKPOINT_FILES.model), new Uint8Array(3));
    expect((await loadCheckpoint(dir)).step).toBe(1);
    await saveCheckpoint(dir, busyState(2));
    expect((await loadCheckpoint(dir)).step).toBe(2);
    expect(existsSync(`${dir}.tmp`)).toBe(false);
  });

  it('a save killed between its two renames falls back to the previous checkpoint in .prev', async () => {
    const dir = path.join(root, 'killed-renaming');
    await saveCheckpoint(dir, busyState(1));
    // What a SIGKILL after "dir → dir.prev" but before "dir.tmp → dir" leaves.
    await rename(dir, `${dir}.prev`);
    expect(committedFolder(dir)).toBe(`${dir}.prev`);
    expect((await loadCheckpoint(dir)).step).toBe(1);
    await saveCheckpoint(dir, busyState(3));
    expect((await loadCheckpoint(dir)).step).toBe(3);
    expect(existsSync(`${dir}.prev`)).toBe(false);
  });

  it('refuses a missing or corrupt checkpoint with a clear error', async () => {
    await expect(loadCheckpoint(path.join(root, 'nothing'))).rejects.toThrow(/no checkpoint/);
    const dir = path.join(root, 'corrupt');
    await saveCheckpoint(dir, busyState(1));
    const trainerJson = path.join(dir, CHECKPOINT_FILES.trainer);
    const json = JSON.parse(await readFile(trainerJson, 'utf8')) as Record<string, unknown>;
    await writeFile(trainerJson, JSON.stringify({ ...json, step: -1 }));
    await expect(loadCheckpoint(dir)).rejects.toThrow();
    await writeFile(trainerJson, JSON.stringify(json));
    await writeFile(path.join(dir, CHECKPOINT_FILES.optimizer), new Uint8Array(16));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/readSafetensors/);
  });
});
