/**
 * `qoq train` with "lora" end to end (bin/qoq.mjs, training in its own child): only the adapters train,
 * the output is a plain model (model.safetensors = base + scale·B·A) that `qoq eval` and a later job's
 * model.init load unchanged; a resume with other LoRA settings and a frozen LLM without LoRA are refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpoint, loraNames, readSafetensors, type SftStepMetrics, type TrainMetrics } from '../../src-main/ml/train/index.js';
import { makeTempDir } from '../helpers/tempDir';
import { qoq } from './qoqCli';

const tmp = makeTempDir('train-lora');
afterAll(() => tmp.cleanup());
const file = (name: string): string => path.join(tmp.dir, name);

const TRAIN = [
  { id: 'c1', prompt: 'Chest film: is there fluid?', response: '\\boxed{effusion}', answer: 'effusion', domain: 'cxr' },
  { id: 's1', prompt: 'Skin photo: what lesion?', response: '\\boxed{melanoma}', answer: 'melanoma', domain: 'skin' },
];
writeFileSync(file('train.jsonl'), TRAIN.map((r) => `${JSON.stringify(r)}\n`).join(''));
function writeConfig(name: string, config: object): string {
  writeFileSync(file(name), JSON.stringify(config));
  return file(name);
}

const LORA = { rank: 4, alpha: 8, targets: ['q_proj', 'v_proj', 'down_proj'], seed: 5 };

describe('qoq train with lora', () => {
  const out = file('lora-run');

  it('trains only the adapters and writes the adapted weights as a plain model', async () => {
    const config = writeConfig('lora.json', { kind: 'sft', data: 'train.jsonl', steps: 40, lr: 3e-2, batchSize: 2, seed: 1, lora: LORA, freeze: { llm: true } });
    const r = qoq(['train', '--config', config, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Finished: step 40/40');
    const steps = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrainMetrics).filter((m): m is SftStepMetrics => m.type === 'sft-step');
    expect(Math.max(...steps.slice(-5).map((s) => s.loss))).toBeLessThan(Math.min(...steps.slice(0, 5).map((s) => s.loss)));

    const dir = path.join(out, 'checkpoint');
    const state = await loadCheckpoint(dir);
    expect(state.lora?.settings).toEqual(LORA);
    expect(state.trainable).toHaveLength(2 * 3); // A and B × (q, v, down) × 1 layer
    // model.safetensors = base + (alpha/rank)·B·A, checked entry by entry in float64 from the stored files.
    const model = readSafetensors(readFileSync(path.join(dir, 'model.safetensors'))).tensors;
    const base = readSafetensors(readFileSync(path.join(dir, 'base.safetensors'))).tensors;
    const factors = readSafetensors(readFileSync(path.join(dir, 'lora.safetensors'))).tensors;
    const q = 'model.layers.0.self_attn.q_proj.weight';
    const [out_, inp] = model.get(q)!.shape as [number, number];
    const a = factors.get(loraNames(q).a)!.data as Float32Array;
    const b = factors.get(loraNames(q).b)!.data as Float32Array;
    const w = base.get(q)!.data as Float32Array;
    const adapted = model.get(q)!.data as Float32Array;
    let maxErr = 0;
    for (let o = 0; o < out_; o++) {
      for (let i = 0; i < inp; i++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += b[o * 4 + k]! * a[k * inp + i]!;
        maxErr = Math.max(maxErr, Math.abs(adapted[o * inp + i]! - (w[o * inp + i]! + 2 * sum)));
      }
    }
    expect(maxErr).toBeLessThan(1e-6);
    expect(Buffer.compare(Buffer.from(adapted.buffer, adapted.byteOffset, adapted.byteLength), Buffer.from(w.buffer, w.byteOffset, w.byteLength))).not.toBe(0);
    // Untargeted weights are the base's, bit for bit (k_proj is not in the targets).
    const k = 'model.layers.0.self_attn.k_proj.weight';
    expect(model.get(k)!.data).toEqual(base.get(k)!.data);
  });

  it('the output loads unchanged: qoq eval, and a full fine-tuning job starting from it (model.init)', () => {
    writeFileSync(file('test.jsonl'), `${JSON.stringify({ id: 't', prompt: TRAIN[0]!.prompt, answer: 'effusion', domain: 'cxr' })}\n`);
    const evaluated = qoq(['eval', '--model', out, '--data', file('test.jsonl'), '--json']);
    expect(evaluated.status).toBe(0);
    expect((JSON.parse(evaluated.stdout) as { step: number }).step).toBe(40);
    const next = qoq(['train', '--config', writeConfig('from-lora.json', { kind: 'sft', model: { init: 'lora-run' }, data: 'train.jsonl', steps: 1, lr: 1e-3 }), '--out', file('from-lora-run')]);
    expect(next.status).toBe(0);
    expect(next.stdout).toContain('(trained 40 steps)');
  });

  it('refuses to resume with other LoRA settings, and a frozen LLM without lora (naming the field)', () => {
    const other = writeConfig('lora-other.json', { kind: 'sft', data: 'train.jsonl', steps: 50, lr: 3e-2, batchSize: 2, seed: 1, lora: { ...LORA, rank: 8 } });
    const r = qoq(['train', '--config', other, '--out', out, '--resume']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot resume');
    expect(r.stderr).toContain('"rank":4');
    const frozen = writeConfig('frozen.json', { kind: 'sft', data: 'train.jsonl', steps: 2, lr: 1e-2, freeze: { llm: true } });
    const f = qoq(['train', '--config', frozen, '--out', file('frozen-run')]);
    expect(f.status).toBe(1); // invalid configs exit 1 in qoq train (2 is for usage errors)
    expect(f.stderr).toContain(`${frozen}: freeze.llm: freezing the LLM without "lora" leaves nothing to train`);
  });
});
