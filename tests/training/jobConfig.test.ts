import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobConfigError, parseJobConfig } from '../../src-main/training/jobConfig';
import { parseTrainingData, TrainingDataError } from '../../src-main/training/trainingData';
import { withImagePlaceholders } from '../../src-main/training/exportJob';

const base = { kind: 'grpo', data: 'train.jsonl', steps: 3, lr: 1e-2 };
const errorOf = (raw: object): string => {
  try {
    parseJobConfig(raw, '/jobs', 'job.json');
  } catch (err) {
    expect(err).toBeInstanceOf(JobConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

describe('job config', () => {
  it('fills the reference defaults and resolves paths against the config folder', () => {
    const job = parseJobConfig({ ...base, model: { init: '../sft-run' }, tokenizer: { corpus: ['notes.txt'] } }, '/jobs', 'job.json');
    expect(job).toMatchObject({ advantage: 'drpo', G: 5, temperature: 1, klCoef: 1e-4, clipLow: 0.2, clipHigh: 0.2, seed: 0, checkpointEvery: 0, drpo: { kMax: 10, mode: 'full' } });
    expect(job.data).toBe(path.resolve('/jobs/train.jsonl'));
    expect(job.model).toMatchObject({ init: path.resolve('/sft-run'), hiddenSize: 32, numLayers: 1 });
    expect(job.tokenizer).toMatchObject({ vocabSize: 400, corpus: [path.resolve('/jobs/notes.txt')] });
  });

  it('names the offending field (zod path) of an invalid config', () => {
    expect(errorOf({ ...base, steps: 0 })).toMatch(/^job\.json: steps: /);
    expect(errorOf({ ...base, kind: 'rl' })).toMatch(/^job\.json: kind: /);
    expect(errorOf({ ...base, G: 1 })).toMatch(/^job\.json: G: /);
    expect(errorOf({ ...base, drpo: { mode: 'half' } })).toMatch(/^job\.json: drpo\.mode: /);
    expect(errorOf({ ...base, model: { hiddenSize: 'big' } })).toMatch(/^job\.json: model\.hiddenSize: /);
    expect(errorOf({ ...base, tokenizer: { vocabSize: 100 } })).toMatch(/^job\.json: tokenizer\.vocabSize: /);
    expect(errorOf({ ...base, lrr: 1 })).toContain('lrr'); // unknown keys are typos, not ignored
    const { lr: _lr, ...noLr } = base;
    expect(errorOf(noLr)).toMatch(/^job\.json: lr: /);
  });

  it('names every bad field at once, and says where DRPO goes', () => {
    // zod words the range messages; the fields and their order are what this asserts.
    expect(errorOf({ ...base, kind: 'drpo', steps: -1, G: 1 })).toMatch(
      /^job\.json: kind: a DRPO job is kind "grpo" \(its advantage is "drpo" by default\); steps: [^;]+; G: [^;]+$/,
    );
  });
});

describe('job config: lora and freeze', () => {
  it('defaults: no LoRA (full fine-tuning), encoders frozen; lora fills PEFT-style defaults', () => {
    const plain = parseJobConfig(base, '/jobs', 'job.json');
    expect(plain.lora).toBeUndefined();
    expect(plain.freeze).toEqual({ vision: true, ecg: true });
    const job = parseJobConfig({ ...base, lora: { rank: 4 }, freeze: { llm: true } }, '/jobs', 'job.json');
    expect(job.lora).toEqual({ rank: 4, alpha: 16, targets: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] });
    expect(job.freeze).toEqual({ llm: true, vision: true, ecg: true });
    expect(parseJobConfig({ ...base, lora: { rank: 2, alpha: 4, targets: ['q_proj', 'v_proj'], seed: 9 } }, '/jobs', 'job.json').lora).toEqual({ rank: 2, alpha: 4, targets: ['q_proj', 'v_proj'], seed: 9 });
  });

  it('names the field of a bad lora / freeze setting', () => {
    expect(errorOf({ ...base, lora: { rank: 0 } })).toMatch(/^job\.json: lora\.rank: /);
    expect(errorOf({ ...base, lora: { rank: 2.5 } })).toMatch(/^job\.json: lora\.rank: /);
    expect(errorOf({ ...base, lora: { alpha: 0 } })).toMatch(/^job\.json: lora\.alpha: /);
    expect(errorOf({ ...base, lora: { targets: ['qkv'] } })).toMatch(/^job\.json: lora\.targets\.0: /);
    expect(errorOf({ ...base, lora: { targets: [] } })).toMatch(/^job\.json: lora\.targets: /);
    expect(errorOf({ ...base, lora: { targets: ['q_proj', 'q_proj'] } })).toMatch(/^job\.json: lora\.targets: each projection at most once/);
    expect(errorOf({ ...base, lora: { seed: -1 } })).toMatch(/^job\.json: lora\.seed: /);
    expect(errorOf({ ...base, lora: { ranks: 4 } })).toContain('ranks');
    // Freezing the LLM with nothing else to train would run a job that changes nothing.
    expect(errorOf({ ...base, freeze: { llm: true } })).toMatch(/^job\.json: freeze\.llm: freezing the LLM without "lora" leaves nothing to train/);
    expect(errorOf({ ...base, lora: {}, freeze: { llm: false } })).toMatch(/^job\.json: freeze\.llm: with "lora" the LLM weights stay frozen/);
    // Text-only jobs have no encoders: "train the encoder" cannot be honoured, so it is an error, not ignored.
    expect(errorOf({ ...base, freeze: { vision: false } })).toMatch(/^job\.json: freeze\.vision: .*no vision encoder/);
    expect(errorOf({ ...base, freeze: { ecg: false } })).toMatch(/^job\.json: freeze\.ecg: .*no ecg encoder/);
    expect(errorOf({ ...base, freeze: { text: true } })).toContain('text');
  });
});

describe('training data', () => {
  it('reads {prompt, response?, answer, domain} and the reference names (problem, dataset), dropping <image>', () => {
    const records = parseTrainingData(
      [
        JSON.stringify({ id: 'a', prompt: 'Q?', response: '\\boxed{x}', answer: 'x, y', domain: 'cxr' }),
        '',
        JSON.stringify({ problem: '<image>\nWhat is seen?', answer: ['z'], dataset: 'skin', images: ['a.png'] }),
      ].join('\n'),
      'd.jsonl',
    );
    expect(records).toEqual([
      { id: 'a', prompt: 'Q?', response: '\\boxed{x}', answerLabels: ['x', 'y'], domain: 'cxr' },
      { id: 'line-3', prompt: 'What is seen?', answerLabels: ['z'], domain: 'skin' },
    ]);
  });

  it('reports the line and the field of a bad record', () => {
    expect(() => parseTrainingData(`${JSON.stringify({ prompt: 'Q', answer: 'x' })}\n`, 'd.jsonl')).toThrow(/^d\.jsonl:1: domain: /);
    expect(() => parseTrainingData('{"prompt": "Q", "domain": "a", "answer": 3}\n', 'd.jsonl')).toThrow(TrainingDataError);
    expect(() => parseTrainingData('not json\n', 'd.jsonl')).toThrow(/^d\.jsonl:1: not JSON/);
    expect(() => parseTrainingData('\n', 'd.jsonl')).toThrow('no records');
  });
});

describe('withImagePlaceholders', () => {
  it('keeps a problem with one <image> per image, else puts the right number in front', () => {
    expect(withImagePlaceholders('<image>\nQ?', 1)).toBe('<image>\nQ?');
    expect(withImagePlaceholders('Q?', 2)).toBe('<image><image>\nQ?');
    expect(withImagePlaceholders('<image>\nQ?', 0)).toBe('Q?');
  });
});
